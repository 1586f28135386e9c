-- Proves the encryption of 02_encrypt_columns.sql round-trips, then removes the plaintext.
-- Run on PromptCrm:  sqlcmd -S mssql-crm -d PromptCrm -i sql/crm/mssql/02_encryption/03_decrypt_and_assert.sql
-- Asserts (THROW otherwise):
--   1. every row's three ciphertexts decrypt to its plaintext exactly;
--   2. a ciphertext moved onto another row (wrong authenticator) decrypts to NULL;
--   3. the same value encrypted twice gives different ciphertexts (randomised IV);
--   4. the HMAC lookup procedure finds a client by cédula, and only that client.
-- Then the plaintext columns are dropped: from here on the cédula, phone and birth date exist
-- only encrypted (take the backups of 04_backup.sql before and after).
SET NOCOUNT ON;

OPEN SYMMETRIC KEY PromptCrmCellKey DECRYPTION BY CERTIFICATE PromptCrmCert;

DECLARE @rows INT = (SELECT COUNT(*) FROM crm.clients);
DECLARE @unencrypted INT = (SELECT COUNT(*) FROM crm.clients WHERE national_id_enc IS NULL OR phone_enc IS NULL OR birth_date_enc IS NULL);
DECLARE @mismatch INT = (
    SELECT COUNT(*) FROM crm.clients AS c
    WHERE CAST(DECRYPTBYKEY(c.national_id_enc, 1, CONVERT(VARBINARY(8), c.client_id)) AS NVARCHAR(32)) <> c.national_id
       OR CAST(DECRYPTBYKEY(c.phone_enc, 1, CONVERT(VARBINARY(8), c.client_id)) AS NVARCHAR(32)) <> c.phone
       OR CAST(DECRYPTBYKEY(c.birth_date_enc, 1, CONVERT(VARBINARY(8), c.client_id)) AS NVARCHAR(10)) <> CONVERT(NVARCHAR(10), c.birth_date, 23)
       OR DECRYPTBYKEY(c.national_id_enc, 1, CONVERT(VARBINARY(8), c.client_id)) IS NULL);
IF @rows = 0 OR @unencrypted <> 0 OR @mismatch <> 0
BEGIN
    DECLARE @m1 NVARCHAR(200) = CONCAT(N'encryption: ', @rows, N' clients, ', @unencrypted, N' not encrypted, ', @mismatch, N' do not decrypt to their plaintext.');
    THROW 51121, @m1, 1;
END;

-- 2. A ciphertext on the wrong row: decrypt with the neighbour's client_id as authenticator.
DECLARE @swapped INT = (
    SELECT COUNT(*) FROM (SELECT TOP (1000) client_id, national_id_enc FROM crm.clients ORDER BY client_id) AS c
    WHERE DECRYPTBYKEY(c.national_id_enc, 1, CONVERT(VARBINARY(8), c.client_id + 1)) IS NOT NULL);
IF @swapped <> 0
    THROW 51122, N'encryption: a ciphertext decrypted under another row''s authenticator.', 1;

-- 3. The same plaintext encrypts differently each time (random IV), so equal cédulas or
--    phones cannot be spotted by comparing ciphertexts.
IF ENCRYPTBYKEY(KEY_GUID(N'PromptCrmCellKey'), N'123456789') = ENCRYPTBYKEY(KEY_GUID(N'PromptCrmCellKey'), N'123456789')
    THROW 51124, N'encryption: the same plaintext gave the same ciphertext twice.', 1;

-- 4. The HMAC lookup: the client with the smallest id, found by its cédula.
DECLARE @probe_id BIGINT, @probe NVARCHAR(32);
SELECT TOP (1) @probe_id = client_id, @probe = national_id FROM crm.clients ORDER BY client_id;
DECLARE @found TABLE (client_id BIGINT, first_name NVARCHAR(32), last_name NVARCHAR(16), national_id NVARCHAR(32));
INSERT INTO @found EXEC crm.PCrmSP_FindClientByNationalId @national_id = @probe;
IF (SELECT COUNT(*) FROM @found) <> 1 OR NOT EXISTS (SELECT 1 FROM @found WHERE client_id = @probe_id AND national_id = @probe)
    THROW 51125, N'encryption: the HMAC lookup did not return exactly the probed client.', 1;
DELETE FROM @found;
INSERT INTO @found EXEC crm.PCrmSP_FindClientByNationalId @national_id = N'000000000';
IF EXISTS (SELECT 1 FROM @found)
    THROW 51126, N'encryption: the HMAC lookup found a cédula no client has.', 1;
PRINT CONCAT(N'encryption: ', @rows, N' clients round-trip (cédula, phone, birth date); authenticator, randomised IV and HMAC lookup verified.');
CLOSE SYMMETRIC KEY PromptCrmCellKey;
GO

-- Remove the plaintext: the unique constraint moves to the HMAC (unique index already there).
ALTER TABLE crm.clients DROP CONSTRAINT IF EXISTS UQ_clients_national_id;
ALTER TABLE crm.clients DROP COLUMN IF EXISTS national_id, phone, birth_date;
GO
