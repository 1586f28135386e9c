-- Restore PromptCrm's backup on ANOTHER instance (mssql-certdemo, k8s/base/mssql.yaml) that
-- never received the certificate, the database master key's password or the service master
-- key, and show the encrypted cells cannot be read there (seeds: "al hacer backup y restore en
-- otro servidor, los datos cifrados no pueden ser descifrados").
-- Copy PromptCrm-encrypted.bak (only the .bak) to the second instance's backup volume, then:
--   sqlcmd -S mssql-certdemo -d master -v BACKUP_DIR=/var/opt/mssql/backup DATA_DIR=/var/opt/mssql/data \
--          DATA_FILE=PromptCrm LOG_FILE=PromptCrm_log -i sql/crm/mssql/02_encryption/05_restore_without_certificate.sql
-- (DATA_FILE / LOG_FILE: the logical names RESTORE FILELISTONLY prints.)
-- Why it fails: the certificate's private key inside the database is protected by PromptCrm's
-- DMK, and the DMK is opened automatically only by the service master key of the instance that
-- created it. Here there is no such key and no password, so the private key, hence the
-- symmetric key, hence every cell stays closed: DECRYPTBYKEYAUTOCERT returns NULL.
SET NOCOUNT ON;
USE master;
GO

RESTORE FILELISTONLY FROM DISK = N'$(BACKUP_DIR)/PromptCrm-encrypted.bak';
GO

RESTORE DATABASE PromptCrmRestored
    FROM DISK = N'$(BACKUP_DIR)/PromptCrm-encrypted.bak'
    WITH MOVE N'$(DATA_FILE)' TO N'$(DATA_DIR)/PromptCrmRestored.mdf',
         MOVE N'$(LOG_FILE)' TO N'$(DATA_DIR)/PromptCrmRestored_log.ldf',
         CHECKSUM, RECOVERY, REPLACE;
GO

USE PromptCrmRestored;
GO

-- The restore-side assertion: the data is there, encrypted, and nothing decrypts.
DECLARE @rows INT = (SELECT COUNT(*) FROM crm.clients);
DECLARE @ciphertexts INT = (SELECT COUNT(*) FROM crm.clients WHERE national_id_enc IS NOT NULL);
DECLARE @decrypted INT = (
    SELECT COUNT(*) FROM crm.clients AS c
    WHERE DECRYPTBYKEYAUTOCERT(CERT_ID(N'PromptCrmCert'), NULL, c.national_id_enc, 1, CONVERT(VARBINARY(8), c.client_id)) IS NOT NULL
       OR DECRYPTBYKEYAUTOCERT(CERT_ID(N'PromptCrmCert'), NULL, c.phone_enc, 1, CONVERT(VARBINARY(8), c.client_id)) IS NOT NULL);
IF @rows = 0 OR @ciphertexts <> @rows
    THROW 51131, N'restore: the restored database does not hold the encrypted clients.', 1;
IF COL_LENGTH(N'crm.clients', N'national_id') IS NOT NULL
    THROW 51132, N'restore: the backup still has a plaintext national_id column.', 1;
IF @decrypted <> 0
BEGIN
    DECLARE @m NVARCHAR(200) = CONCAT(N'restore: ', @decrypted, N' cells decrypted on a server without the certificate''s keys.');
    THROW 51133, @m, 1;
END;

-- Opening the key explicitly fails too (error 15581: no open database master key).
DECLARE @opened BIT = 0, @error INT = 0;
BEGIN TRY
    OPEN SYMMETRIC KEY PromptCrmCellKey DECRYPTION BY CERTIFICATE PromptCrmCert;
    SET @opened = 1;
END TRY
BEGIN CATCH
    SET @error = ERROR_NUMBER();
END CATCH;
IF @opened = 1
    THROW 51134, N'restore: PromptCrmCellKey opened on a server without the keys.', 1;
PRINT CONCAT(N'restore without certificate: ', @rows, N' encrypted clients restored, 0 decrypted; OPEN SYMMETRIC KEY failed with error ', @error, N'.');
-- To read them here one would need, from the secret store: OPEN MASTER KEY DECRYPTION BY
-- PASSWORD = the DMK password, or CREATE CERTIFICATE ... FROM FILE with the .pvk and its
-- password. Without them the backup is ciphertext only.
GO
