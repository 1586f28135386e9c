-- Backup of the encrypted PromptCrm, and what else must be kept to ever read it again.
-- Run on the PromptCrm instance after 03_decrypt_and_assert.sql:
--   sqlcmd -S mssql-crm -d master -v BACKUP_DIR=/var/opt/mssql/backup KEY_DIR=/var/opt/mssql/backup/keys \
--          DMK_BACKUP_PASSWORD="$DMK_BACKUP_PASSWORD" -i sql/crm/mssql/02_encryption/04_backup.sql
--
-- What to back up, and where:
--   1. the database (this BACKUP DATABASE): ciphertext, the symmetric key and the certificate's
--      public part, its private key protected by PromptCrm's database master key (DMK);
--   2. PromptCrmCert with its private key (01_certificate_in_master.sql wrote .cer + .pvk);
--   3. PromptCrm's DMK (BACKUP MASTER KEY below) and master's DMK;
--   4. the instance's service master key (BACKUP SERVICE MASTER KEY), which protects the DMKs
--      on this instance only;
--   5. the passwords of 2–4 and the HMAC key, in the secret store (not next to the files).
-- Keep 2–5 apart from 1: a stolen database backup alone must not be readable, which is what
-- 05_restore_without_certificate.sql demonstrates on the second instance.
SET NOCOUNT ON;
USE PromptCrm;
GO

BACKUP MASTER KEY TO FILE = N'$(KEY_DIR)/PromptCrm-dmk.key'
    ENCRYPTION BY PASSWORD = N'$(DMK_BACKUP_PASSWORD)';
GO

USE master;
GO

BACKUP SERVICE MASTER KEY TO FILE = N'$(KEY_DIR)/mssql-crm-smk.key'
    ENCRYPTION BY PASSWORD = N'$(DMK_BACKUP_PASSWORD)';
GO

-- CHECKSUM: page checksums verified while writing, so a torn page fails the backup, not the
-- restore months later. COPY_ONLY: outside the daily backup chain of the CronJob.
BACKUP DATABASE PromptCrm
    TO DISK = N'$(BACKUP_DIR)/PromptCrm-encrypted.bak'
    WITH COPY_ONLY, COMPRESSION, CHECKSUM, INIT, NAME = N'PromptCrm with encrypted cells';
GO

RESTORE VERIFYONLY FROM DISK = N'$(BACKUP_DIR)/PromptCrm-encrypted.bak' WITH CHECKSUM;
GO
