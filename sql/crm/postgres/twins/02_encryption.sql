-- PostgreSQL twin of the algorithmic parts of sql/crm/mssql/02_encryption/ (rolled back):
--   1. the HMAC-SHA256 lookup column: the T-SQL builds RFC 2104 by hand from HASHBYTES,
--      H((K xor opad) || H((K xor ipad) || m)) with the key zero-padded to 64 bytes; the same
--      construction here (sha256() and byte-wise xor) must equal pgcrypto's hmac() for every
--      client's national id — an independent implementation of HMAC checks the hand-built one;
--   2. AES-256 cell encryption round-trips every national id (pgcrypto's pgp_sym_encrypt with
--      cipher-algo=aes256, the twin of ENCRYPTBYKEY under an AES_256 key), the same value
--      encrypts differently twice (random IV / session key), and a wrong key cannot decrypt.
-- Not twinned (SQL Server only): X.509 certificates, the key hierarchy, backup/restore.
-- The keys are random per run (gen_random_bytes), never literals.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgcrypto;

CREATE FUNCTION pg_temp.hmac_sha256_rfc2104(k BYTEA, m BYTEA) RETURNS BYTEA LANGUAGE plpgsql IMMUTABLE AS $f$
DECLARE
    key64 BYTEA := k || decode(repeat('00', 64 - length(k)), 'hex');
    ipad BYTEA := key64; opad BYTEA := key64; i INT;
BEGIN
    FOR i IN 0..63 LOOP
        ipad := set_byte(ipad, i, get_byte(key64, i) # 54);   -- 0x36, as in the T-SQL
        opad := set_byte(opad, i, get_byte(key64, i) # 92);   -- 0x5C
    END LOOP;
    RETURN sha256(opad || sha256(ipad || m));
END $f$;

DO $$
DECLARE
    hmac_key BYTEA := gen_random_bytes(64);
    cell_key TEXT := encode(gen_random_bytes(32), 'hex');
    wrong_key TEXT := encode(gen_random_bytes(32), 'hex');
    n INT; mismatched INT; distinct_hmacs INT; not_round_trip INT; wrong_ok INT := 0; r RECORD;
BEGIN
    CREATE TEMP TABLE enc ON COMMIT DROP AS
    SELECT client_id, national_id,
           pg_temp.hmac_sha256_rfc2104(hmac_key, convert_to(national_id, 'UTF8')) AS hand_hmac,
           hmac(convert_to(national_id, 'UTF8'), hmac_key, 'sha256') AS lib_hmac,
           -- pgp's key derivation costs ~1 ms per cell: 1 000 cells are enough to show it.
           CASE WHEN client_id IN (SELECT client_id FROM crm.clients ORDER BY client_id LIMIT 1000)
                THEN pgp_sym_encrypt(client_id || ':' || national_id, cell_key, 'cipher-algo=aes256') END AS national_id_enc
    FROM crm.clients ORDER BY client_id LIMIT 5000;
    SELECT count(*), count(*) FILTER (WHERE hand_hmac <> lib_hmac), count(DISTINCT hand_hmac)
    INTO n, mismatched, distinct_hmacs FROM enc;
    IF n = 0 OR mismatched <> 0 THEN
        RAISE EXCEPTION 'HMAC: % of % hand-built RFC 2104 values differ from pgcrypto hmac()', mismatched, n;
    END IF;
    IF distinct_hmacs <> (SELECT count(DISTINCT national_id) FROM enc) THEN
        RAISE EXCEPTION 'HMAC: % distinct values for % distinct national ids (the lookup index would collide)', distinct_hmacs, n;
    END IF;
    -- Round trip; the client id prefix plays the T-SQL authenticator's part.
    SELECT count(*) INTO not_round_trip FROM enc
    WHERE national_id_enc IS NOT NULL AND pgp_sym_decrypt(national_id_enc, cell_key) IS DISTINCT FROM client_id || ':' || national_id;
    IF not_round_trip <> 0 THEN
        RAISE EXCEPTION 'AES-256: % of % cells do not decrypt to their plaintext', not_round_trip, n;
    END IF;
    IF pgp_sym_encrypt('123456789', cell_key, 'cipher-algo=aes256') = pgp_sym_encrypt('123456789', cell_key, 'cipher-algo=aes256') THEN
        RAISE EXCEPTION 'AES-256: the same plaintext gave the same ciphertext twice';
    END IF;
    FOR r IN SELECT national_id_enc FROM enc WHERE national_id_enc IS NOT NULL LIMIT 100 LOOP
        BEGIN
            PERFORM pgp_sym_decrypt(r.national_id_enc, wrong_key);
            wrong_ok := wrong_ok + 1;
        EXCEPTION WHEN OTHERS THEN
            NULL;  -- "Wrong key or corrupt data"
        END;
    END LOOP;
    IF wrong_ok <> 0 THEN
        RAISE EXCEPTION 'AES-256: % cells decrypted with a wrong key', wrong_ok;
    END IF;
    RAISE NOTICE 'encryption: hand-built HMAC-SHA256 (ipad 0x36 / opad 0x5C) = pgcrypto hmac() for % national ids, all distinct; AES-256 round trip %/%, random IV, 0/100 decrypt with a wrong key', n,
        (SELECT count(*) FROM enc WHERE national_id_enc IS NOT NULL) - not_round_trip, (SELECT count(*) FROM enc WHERE national_id_enc IS NOT NULL);
END $$;
ROLLBACK;
