-- Encrypt PromptCrm's sensitive cells: national id (cédula / DIMEX), phone and birth date (the
-- seeds' "cédulas y datos de contexto"), with a keyed HMAC-SHA256 of the national id as the
-- lookup column. Run on PromptCrm after 01_certificate_in_master.sql:
--   sqlcmd -S mssql-crm -d PromptCrm -v HMAC_KEY_HEX="$HMAC_KEY_HEX" \
--          -i sql/crm/mssql/02_encryption/02_encrypt_columns.sql
-- HMAC_KEY_HEX: 64 random bytes as hex (e.g. `openssl rand -hex 64`), from a Secret.
--
-- Why an HMAC column: the ciphertext is randomised (same cédula → different bytes each time),
-- so it cannot be indexed or searched; an equality lookup ("is this cédula a client?") seeks
-- on the HMAC instead. A plain SHA-256 would not do: 9-digit cédulas are only 10^9 values, and
-- an attacker with the backup would hash them all in minutes; the HMAC needs the key.
-- Why the authenticator (client_id): a ciphertext copied onto another client's row no longer
-- decrypts (DECRYPTBYKEY returns NULL), so cells cannot be swapped undetected.
SET NOCOUNT ON;
GO

IF COL_LENGTH(N'crm.clients', N'national_id_enc') IS NULL
    ALTER TABLE crm.clients ADD
        national_id_enc VARBINARY(256) NULL,
        national_id_hmac BINARY(32) NULL,
        phone_enc VARBINARY(256) NULL,
        birth_date_enc VARBINARY(256) NULL;
GO

-- The HMAC key, kept in the database only encrypted by the cell key, for lookups later.
IF OBJECT_ID(N'crm.lookup_keys', N'U') IS NULL
    CREATE TABLE crm.lookup_keys (
        name SYSNAME NOT NULL CONSTRAINT PK_lookup_keys PRIMARY KEY,
        key_enc VARBINARY(512) NOT NULL
    );
GO

-- HMAC-SHA256 (RFC 2104): H((K xor opad) || H((K xor ipad) || message)), the key padded to
-- SHA-256's 64-byte block. T-SQL has HASHBYTES but no HMAC; the two padded keys are computed
-- once per batch (crm.HmacPads) and the per-row work is two HASHBYTES calls.
CREATE OR ALTER FUNCTION crm.HmacPads (@key VARBINARY(64))
RETURNS @pads TABLE (ipad BINARY(64) NOT NULL, opad BINARY(64) NOT NULL)
AS
BEGIN
    DECLARE @k BINARY(64) = CAST(@key AS BINARY(64));   -- right-padded with 0x00
    DECLARE @ipad VARBINARY(64) = 0x, @opad VARBINARY(64) = 0x, @i INT = 1;
    WHILE @i <= 64
    BEGIN
        SET @ipad = @ipad + CAST(CAST(SUBSTRING(@k, @i, 1) AS TINYINT) ^ 54 AS BINARY(1));  -- 0x36
        SET @opad = @opad + CAST(CAST(SUBSTRING(@k, @i, 1) AS TINYINT) ^ 92 AS BINARY(1));  -- 0x5C
        SET @i += 1;
    END;
    INSERT INTO @pads (ipad, opad) VALUES (@ipad, @opad);
    RETURN;
END;
GO

CREATE OR ALTER FUNCTION crm.HmacSha256 (@ipad BINARY(64), @opad BINARY(64), @message VARBINARY(8000))
RETURNS BINARY(32)
WITH SCHEMABINDING
AS
BEGIN
    RETURN HASHBYTES('SHA2_256', @opad + HASHBYTES('SHA2_256', @ipad + @message));
END;
GO

DECLARE @hmac_key VARBINARY(64) = CONVERT(VARBINARY(64), N'$(HMAC_KEY_HEX)', 2);
IF DATALENGTH(@hmac_key) < 32
    THROW 51111, N'HMAC_KEY_HEX must be at least 32 bytes of hex (openssl rand -hex 64).', 1;

OPEN SYMMETRIC KEY PromptCrmCellKey DECRYPTION BY CERTIFICATE PromptCrmCert;

DELETE FROM crm.lookup_keys WHERE name = N'national_id_hmac';
INSERT INTO crm.lookup_keys (name, key_enc)
VALUES (N'national_id_hmac', ENCRYPTBYKEY(KEY_GUID(N'PromptCrmCellKey'), @hmac_key));

DECLARE @ipad BINARY(64), @opad BINARY(64);
SELECT @ipad = ipad, @opad = opad FROM crm.HmacPads(@hmac_key);

-- In batches of 50 000 rows so the log stays small and other sessions are not blocked for the
-- whole 500 000-row table.
DECLARE @done INT = 1;
WHILE @done > 0
BEGIN
    UPDATE TOP (50000) c
    SET national_id_enc = ENCRYPTBYKEY(KEY_GUID(N'PromptCrmCellKey'), c.national_id, 1, CONVERT(VARBINARY(8), c.client_id)),
        national_id_hmac = crm.HmacSha256(@ipad, @opad, CAST(CAST(c.national_id AS VARCHAR(32)) AS VARBINARY(32))),
        phone_enc = ENCRYPTBYKEY(KEY_GUID(N'PromptCrmCellKey'), c.phone, 1, CONVERT(VARBINARY(8), c.client_id)),
        birth_date_enc = ENCRYPTBYKEY(KEY_GUID(N'PromptCrmCellKey'), CONVERT(NVARCHAR(10), c.birth_date, 23), 1, CONVERT(VARBINARY(8), c.client_id))
    FROM crm.clients AS c
    WHERE c.national_id_enc IS NULL;
    SET @done = @@ROWCOUNT;
    -- ENCRYPTBYKEY returns NULL instead of failing (key not open, value too long): stop
    -- rather than loop on the same rows forever.
    IF @done > 0 AND EXISTS (SELECT 1 FROM crm.clients WHERE national_id_enc IS NULL AND national_id_hmac IS NOT NULL)
        THROW 51113, N'ENCRYPTBYKEY returned NULL: is PromptCrmCellKey open?', 1;
END;

CLOSE SYMMETRIC KEY PromptCrmCellKey;
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'UX_clients_national_id_hmac')
    CREATE UNIQUE NONCLUSTERED INDEX UX_clients_national_id_hmac ON crm.clients (national_id_hmac);
GO

-- Lookup by cédula without decrypting the table: HMAC the probe, seek the index, decrypt one row.
CREATE OR ALTER PROCEDURE crm.PCrmSP_FindClientByNationalId
    @national_id NVARCHAR(32)
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @key VARBINARY(64), @ipad BINARY(64), @opad BINARY(64);
    SELECT @key = CAST(DECRYPTBYKEYAUTOCERT(CERT_ID(N'PromptCrmCert'), NULL, key_enc) AS VARBINARY(64))
    FROM crm.lookup_keys WHERE name = N'national_id_hmac';
    IF @key IS NULL
        THROW 51112, N'the HMAC lookup key cannot be decrypted (no PromptCrmCert private key here).', 1;
    SELECT @ipad = ipad, @opad = opad FROM crm.HmacPads(@key);
    SELECT c.client_id, c.first_name, c.last_name,
           CAST(DECRYPTBYKEYAUTOCERT(CERT_ID(N'PromptCrmCert'), NULL, c.national_id_enc, 1, CONVERT(VARBINARY(8), c.client_id)) AS NVARCHAR(32)) AS national_id
    FROM crm.clients AS c
    WHERE c.national_id_hmac = crm.HmacSha256(@ipad, @opad, CAST(CAST(@national_id AS VARCHAR(32)) AS VARBINARY(32)));
END;
GO
