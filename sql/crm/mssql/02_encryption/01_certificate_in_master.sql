-- X.509 certificate for PromptCrm's cell encryption (seeds: "cifrar información sensible como
-- cédulas y datos de contexto usando un certificado X.509 en master").
-- Run on the PromptCrm instance as a sysadmin, every secret from the environment or a mounted
-- Secret file (never a literal in this file; sqlcmd substitutes the variables):
--   sqlcmd -S mssql-crm -d master -v MASTER_KEY_PASSWORD="$MASTER_KEY_PASSWORD" \
--          DB_MASTER_KEY_PASSWORD="$DB_MASTER_KEY_PASSWORD" CERT_BACKUP_PASSWORD="$CERT_BACKUP_PASSWORD" \
--          KEY_DIR=/var/opt/mssql/backup/keys -i sql/crm/mssql/02_encryption/01_certificate_in_master.sql
--
-- Key hierarchy (each level protects the next):
--   service master key (per instance, created by setup, protected by the instance's DPAPI)
--   → master's database master key  → certificate PromptCrmCert in master (the X.509 the seeds ask for)
--   → the same certificate imported into PromptCrm (from its backup file), whose private key is
--     protected by PromptCrm's database master key
--   → symmetric key PromptCrmCellKey (AES-256, the seeds' "AES-256 en reposo"), which encrypts
--     the cells. A symmetric key does the per-row work: asymmetric (RSA) encryption of every
--     cell is ~1000× slower and limited to short plaintexts.
-- The certificate is created in master and imported into the user database because cell
-- encryption functions only see certificates of the current database.
-- Run once per instance: the CREATE CERTIFICATE / SYMMETRIC KEY statements are not guarded
-- (re-running fails on the existing objects instead of silently keeping different keys).
SET NOCOUNT ON;
USE master;
GO

IF NOT EXISTS (SELECT 1 FROM sys.symmetric_keys WHERE name = N'##MS_DatabaseMasterKey##')
    CREATE MASTER KEY ENCRYPTION BY PASSWORD = '$(MASTER_KEY_PASSWORD)';
GO

CREATE CERTIFICATE PromptCrmCert
        WITH SUBJECT = N'PromptCrm cell encryption',
        EXPIRY_DATE = N'2030-12-31';
GO

-- The certificate and its private key, to files: they are what a restore on another server
-- needs (04_backup.sql lists everything to keep). The private key file is itself encrypted
-- with CERT_BACKUP_PASSWORD; store the files and that password apart from the database backups.
BACKUP CERTIFICATE PromptCrmCert
    TO FILE = N'$(KEY_DIR)/PromptCrmCert.cer'
    WITH PRIVATE KEY (
        FILE = N'$(KEY_DIR)/PromptCrmCert.pvk',
        ENCRYPTION BY PASSWORD = N'$(CERT_BACKUP_PASSWORD)'
    );
GO

USE PromptCrm;
GO

IF NOT EXISTS (SELECT 1 FROM sys.symmetric_keys WHERE name = N'##MS_DatabaseMasterKey##')
    CREATE MASTER KEY ENCRYPTION BY PASSWORD = '$(DB_MASTER_KEY_PASSWORD)';
GO

CREATE CERTIFICATE PromptCrmCert
        FROM FILE = N'$(KEY_DIR)/PromptCrmCert.cer'
        WITH PRIVATE KEY (
            FILE = N'$(KEY_DIR)/PromptCrmCert.pvk',
            DECRYPTION BY PASSWORD = N'$(CERT_BACKUP_PASSWORD)'
        );
GO

CREATE SYMMETRIC KEY PromptCrmCellKey
        WITH ALGORITHM = AES_256
        ENCRYPTION BY CERTIFICATE PromptCrmCert;
GO

-- Self-check: the same certificate (thumbprint) in master and in PromptCrm, and the cell key
-- protected by it.
IF NOT EXISTS (
    SELECT 1 FROM master.sys.certificates AS m
    JOIN PromptCrm.sys.certificates AS d ON d.thumbprint = m.thumbprint
    WHERE m.name = N'PromptCrmCert' AND d.name = N'PromptCrmCert')
    THROW 51101, N'PromptCrmCert in PromptCrm is not the certificate created in master.', 1;
IF NOT EXISTS (
    SELECT 1 FROM sys.key_encryptions AS ke
    JOIN sys.symmetric_keys AS sk ON sk.symmetric_key_id = ke.key_id
    JOIN sys.certificates AS c ON c.thumbprint = ke.thumbprint
    WHERE sk.name = N'PromptCrmCellKey' AND c.name = N'PromptCrmCert')
    THROW 51102, N'PromptCrmCellKey is not protected by PromptCrmCert.', 1;
PRINT N'certificate: PromptCrmCert in master and PromptCrm (same thumbprint); PromptCrmCellKey AES-256 under it.';
GO
