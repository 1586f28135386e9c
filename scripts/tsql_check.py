#!/usr/bin/env python3
"""Static checks of the T-SQL that cannot run here (no SQL Server on these machines).

1. Parse: every sql/*/mssql/**/*.sql is split into batches on GO lines (as sqlcmd and SSMS do)
   and each batch is parsed with sqlfluff's `tsql` dialect; any unparsable section fails, unless
   the statement it belongs to matches ALLOW below (statements the parser lacks, each with why).
2. Structure (PromptAds): the procedure takes READONLY table-valued parameters and is transactional, the
   MERGE reports OUTPUT $action, every demo self-asserts with THROW and has a PostgreSQL twin
   that self-asserts with RAISE EXCEPTION, BULK INSERT covers every table of tables.sql, etc.
3. Structure (PromptCrm): linked server and four-part names, the key hierarchy and HMAC, the
   analytics' window functions and thresholds, two indexed views, SHOWPLAN, the logging
   procedure, the concurrency procedures; no literal password (sqlcmd $(VAR) only).

Usage: tsql_check.py REPO_ROOT [--parse-only]   (one line per file, exit 1 on any failure)
"""
import glob
import os
import re
import sys

from sqlfluff.core import FluffConfig, Linter

# Statements sqlfluff's tsql dialect (4.x) cannot parse although SQL Server accepts them.
# Each entry: (regex matched against the statement's first line, why it is allowed, the shape
# the whole statement must have). No other T-SQL parser is installable here (PyPI's sqlglot
# turns these statements into an opaque "Command"; tsqllint/ScriptDom download a .NET binary
# from GitHub), so an allow-listed statement is held instead to its syntax from Microsoft's
# reference pages, as a regex over the statement with comments removed and whitespace
# normalised: a misspelt keyword or option still fails.
Q = r"N?'[^']*'"  # a string literal (sqlcmd $(VAR)s are substituted inside literals only)
ALLOW = [
    (r"^\s*ALTER DATABASE CURRENT SET QUERY_STORE \(",
     "sqlfluff lacks the option list of ALTER DATABASE ... SET QUERY_STORE (OPERATION_MODE = ...)",
     r"^ALTER DATABASE CURRENT SET QUERY_STORE \( \w+ = \w+(, \w+ = \w+)* \);$"),
    (r"^\s*CREATE CERTIFICATE\b", "sqlfluff lacks CREATE CERTIFICATE",
     rf"^CREATE CERTIFICATE \w+ (WITH SUBJECT = {Q}(, EXPIRY_DATE = {Q})?"
     rf"|FROM FILE = {Q} WITH PRIVATE KEY \( FILE = {Q}, DECRYPTION BY PASSWORD = {Q} \));$"),
    (r"^\s*CREATE SYMMETRIC KEY\b", "sqlfluff lacks CREATE SYMMETRIC KEY",
     r"^CREATE SYMMETRIC KEY \w+ WITH ALGORITHM = AES_(128|192|256) ENCRYPTION BY CERTIFICATE \w+;$"),
    (r"^\s*CLOSE SYMMETRIC KEY\b", "sqlfluff parses OPEN SYMMETRIC KEY but not CLOSE SYMMETRIC KEY",
     r"^CLOSE SYMMETRIC KEY \w+;$"),
    (r"^\s*BACKUP CERTIFICATE\b", "sqlfluff lacks BACKUP CERTIFICATE",
     rf"^BACKUP CERTIFICATE \w+ TO FILE = {Q} WITH PRIVATE KEY \( FILE = {Q}, ENCRYPTION BY PASSWORD = {Q} \);$"),
    (r"^\s*BACKUP (SERVICE )?MASTER KEY\b", "sqlfluff lacks BACKUP [SERVICE] MASTER KEY",
     rf"^BACKUP (SERVICE )?MASTER KEY TO FILE = {Q} ENCRYPTION BY PASSWORD = {Q};$"),
    (r"^\s*BACKUP DATABASE\b", "sqlfluff lacks BACKUP DATABASE",
     rf"^BACKUP DATABASE \w+ TO DISK = {Q} WITH (COPY_ONLY|COMPRESSION|CHECKSUM|INIT|NAME = {Q})"
     rf"(, (COPY_ONLY|COMPRESSION|CHECKSUM|INIT|NAME = {Q}))*;$"),
    (r"^\s*RESTORE (VERIFYONLY|FILELISTONLY)\b", "sqlfluff lacks RESTORE",
     rf"^RESTORE (VERIFYONLY|FILELISTONLY) FROM DISK = {Q}( WITH CHECKSUM)?;$"),
    (r"^\s*RESTORE DATABASE\b", "sqlfluff lacks RESTORE",
     rf"^RESTORE DATABASE \w+ FROM DISK = {Q} WITH MOVE {Q} TO {Q}(, MOVE {Q} TO {Q})*(, (CHECKSUM|RECOVERY|REPLACE))*;$"),
]


def normalise(statement):
    """Comments removed, one space between tokens, a space inside parentheses, none before ';'."""
    s = strip_comments(statement)
    s = re.sub(r"\s*\(\s*", " ( ", s)
    s = re.sub(r"\s*\)\s*", " ) ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return re.sub(r"\s+([;,])", r"\1", s)


GO = re.compile(r"(?i)^[ \t]*GO[ \t]*$")


def strip_comments(sql):
    sql = re.sub(r"/\*.*?\*/", " ", sql, flags=re.S)
    return re.sub(r"--[^\n]*", " ", sql)


def parse_file(linter, path):
    """Returns (batches, problems, allowed)."""
    text = open(path, encoding="utf-8").read()
    # Batches with the file line each starts on (GO lines are the client's separator).
    batches, current, first = [], [], 1
    for number, line in enumerate(text.splitlines(), 1):
        if GO.match(line):
            if "".join(current).strip():
                batches.append((first, "\n".join(current) + "\n"))
            current, first = [], number + 1
        else:
            current.append(line)
    if "".join(current).strip():
        batches.append((first, "\n".join(current) + "\n"))
    problems, allowed = [], []
    if not batches:
        problems.append("no statements")
    for n, (first, batch) in enumerate(batches, 1):
        parsed = linter.parse_string(batch)
        lines = batch.splitlines()
        bad = list(parsed.tree.recursive_crawl("unparsable")) if parsed.tree else []
        if parsed.tree is None:
            problems.append(f"batch {n}: no parse tree")
        for seg in bad:
            line_no = seg.pos_marker.working_line_no
            # The statement the section belongs to: walk up to the line that starts it.
            start = line_no - 1
            while start > 0 and lines[start - 1].strip() and not lines[start - 1].rstrip().endswith(";"):
                start -= 1
            while start < line_no - 1 and lines[start].lstrip().startswith("--"):
                start += 1  # comment lines above the statement are not its first line
            statement = lines[start] if start < len(lines) else ""
            # The whole statement: from its first line to the first line ending with ';'.
            end = start
            while end < len(lines) - 1 and not strip_comments(lines[end]).rstrip().endswith(";"):
                end += 1
            whole = normalise("\n".join(lines[start:end + 1]))
            where = f"batch {n} line {first + line_no - 1}"
            entry = next((e for e in ALLOW if re.search(e[0], statement, re.I)), None)
            if entry and not re.search(entry[2], whole, re.I):
                problems.append(f"{where}: allow-listed statement does not have its documented shape: {whole[:120]!r}")
            elif entry and line_no - 1 + seg.raw.rstrip().count("\n") > end:
                problems.append(f"{where}: unparsable section runs past the allow-listed statement: {seg.raw[:80]!r}")
            elif entry:
                allowed.append(f"{where}: {entry[1]}")
            else:
                problems.append(f"{where}: unparsable: {seg.raw[:80]!r}")
        for v in parsed.violations:
            if "unparsable" not in str(v).lower():
                problems.append(f"batch {n}: {v}")
    return batches, problems, allowed


def need(cond, failures, path, what):
    if not cond:
        failures.append(f"{path}: {what}")


def structure(root, failures):
    """Structural assertions on the PromptAds scripts."""
    ads = os.path.join(root, "sql/ads/mssql")
    proc_path = os.path.join(ads, "procedures/PAdsSP_CreateCampaign.sql")
    proc = strip_comments(open(proc_path, encoding="utf-8").read())
    types = re.findall(r"CREATE\s+TYPE\s+(ads\.\w+)\s+AS\s+TABLE", proc, re.I)
    need(len(types) >= 3, failures, proc_path, f"3 table types (CREATE TYPE … AS TABLE), found {types}")
    header = re.search(r"CREATE\s+OR\s+ALTER\s+PROCEDURE\s+ads\.PAdsSP_CreateCampaign(.*?)\bAS\s*\n\s*BEGIN", proc, re.I | re.S)
    need(header is not None, failures, proc_path, "CREATE OR ALTER PROCEDURE ads.PAdsSP_CreateCampaign")
    if header:
        params = [p.strip() for p in header.group(1).split(",") if p.strip()]
        tvps = [p for p in params if any(t.lower() in p.lower() for t in types)]
        need(len(tvps) == 3, failures, proc_path, f"3 TVP parameters, found {tvps}")
        need(all(re.search(r"\bREADONLY\b", p, re.I) for p in tvps), failures, proc_path, "every TVP parameter READONLY")
    for pattern, what in [
        (r"SET\s+XACT_ABORT\s+ON", "SET XACT_ABORT ON"),
        (r"BEGIN\s+TRY.*BEGIN\s+TRANSACTION.*COMMIT\s+TRANSACTION.*END\s+TRY", "TRY block with BEGIN/COMMIT TRANSACTION"),
        (r"BEGIN\s+CATCH\s+IF\s+@@TRANCOUNT\s*>\s*0\s+ROLLBACK\s+TRANSACTION\s*;\s*THROW\s*;\s*END\s+CATCH", "CATCH: rollback then re-throw (THROW;)"),
        (r"@budget\s+IS\s+NULL\s+OR\s+@budget\s*<=\s*0\s+THROW", "budget > 0 validation"),
        (r"@start_date\s*<\s*@window_start", "start date inside the window"),
        (r"NOT\s+EXISTS\s*\(\s*SELECT\s+1\s+FROM\s+ads\.channels", "unknown channels rejected"),
        (r"NOT\s+EXISTS\s*\(\s*SELECT\s+1\s+FROM\s+ads\.markets", "unknown markets rejected"),
        (r"INSERT\s+INTO\s+ads\.campaign_channels.*FROM\s+@channels", "set-based insert from @channels"),
        (r"INSERT\s+INTO\s+ads\.ads\b.*FROM\s+@ads", "set-based insert from @ads"),
    ]:
        need(re.search(pattern, proc, re.I | re.S), failures, proc_path, what)

    demo_rules = {
        "00_create_campaign.sql": [r"EXEC\s+ads\.PAdsSP_CreateCampaign", r"DECLARE\s+@channels\s+ads\.CampaignChannelList",
                                   r"@ads\s*=\s*@ads", r"ERROR_NUMBER\(\)\s*<>\s*50001", r"ROLLBACK\s+TRANSACTION"],
        "01_except_intersect.sql": [r"\bEXCEPT\b", r"\bINTERSECT\b"],
        "02_merge.sql": [r"\bMERGE\b", r"OUTPUT\s+\$action", r"WHEN\s+NOT\s+MATCHED\s+BY\s+SOURCE", r"WHEN\s+MATCHED"],
        "03_ltrim_lower.sql": [r"LOWER\s*\(\s*LTRIM\s*\("],
        "04_floor_ceiling.sql": [r"\bFLOOR\s*\(", r"\bCEILING\s*\("],
        "05_update_from.sql": [r"UPDATE\s+\w+\s+SET\b.*\bFROM\b.*\bJOIN\s*\(\s*SELECT\b"],
        "06_negative_sentiment.sql": [r"ads\.sentiment_daily", r"ads\.daily_results", r"ads\.influencers", r"drop_pct", r"@date_from", r"@brand_id"],
        "07_query_monitoring.sql": [r"QUERY_STORE\s*=\s*ON", r"sys\.dm_exec_query_stats", r"sys\.dm_exec_requests",
                                    r"SET\s+STATISTICS\s+IO\s+ON", r"SET\s+STATISTICS\s+TIME\s+ON", r"sys\.query_store_runtime_stats"],
    }
    demos = sorted(glob.glob(os.path.join(ads, "demo/*.sql")))
    names = {os.path.basename(d) for d in demos}
    need(set(demo_rules) <= names, failures, ads, f"demo scripts missing: {sorted(set(demo_rules) - names)}")
    for d in demos:
        name = os.path.basename(d)
        body = strip_comments(open(d, encoding="utf-8").read())
        need(re.search(r"\bTHROW\s+5\d{4}", body), failures, d, "self-asserts with THROW")
        for rx in demo_rules.get(name, []):
            need(re.search(rx, body, re.I | re.S), failures, d, f"uses {rx}")
        twin = os.path.join(root, "sql/ads/postgres/demo", name)
        need(os.path.exists(twin), failures, d, f"has a PostgreSQL twin {twin}")
        if os.path.exists(twin):
            need("RAISE EXCEPTION" in open(twin, encoding="utf-8").read(), failures, twin, "self-asserts with RAISE EXCEPTION")

    tables = re.findall(r"CREATE TABLE (ads\.\w+)", open(os.path.join(ads, "tables.sql"), encoding="utf-8").read())
    bulk_path = os.path.join(ads, "bulk_insert.sql")
    bulk = strip_comments(open(bulk_path, encoding="utf-8").read())
    loaded = re.findall(r"BULK\s+INSERT\s+(ads\.\w+)\s+FROM\s+'[^']+'\s+WITH\s*\((.*?)\)", bulk, re.I | re.S)
    need([t for t, _ in loaded] == tables, failures, bulk_path, f"BULK INSERT every table in tables.sql order ({len(loaded)} of {len(tables)})")
    for t, opts in loaded:
        need(re.search(r"FORMAT\s*=\s*'CSV'", opts, re.I) and re.search(r"FIRSTROW\s*=\s*2", opts, re.I),
             failures, bulk_path, f"{t}: FORMAT = 'CSV', FIRSTROW = 2")
    return len(demos)


def crm_structure(root, failures):
    """Structural assertions on the PromptCrm scripts (sql/crm/mssql/NN_topic/NN_step.sql)."""
    crm = os.path.join(root, "sql/crm/mssql")
    rules = {
        "01_linked_server/01_create_linked_server.sql": [
            r"sp_addlinkedserver", r"@provider\s*=\s*N'MSOLEDBSQL'", r"sp_addlinkedsrvlogin",
            r"@rmtpassword\s*=\s*N'\$\(ADS_LINK_PASSWORD\)'", r"@useself\s*=\s*N'FALSE'"],
        "01_linked_server/03_reconciliation.sql": [
            r"\[PROMPTADS\]\.\[\$\(ADS_DB\)\]\.ads\.daily_results", r"\bWITH\s+ads_side\s+AS\s*\(", r"THROW\s+51003"],
        "02_encryption/01_certificate_in_master.sql": [
            r"USE\s+master;.*CREATE\s+CERTIFICATE\s+PromptCrmCert\s+WITH\s+SUBJECT", r"CREATE\s+MASTER\s+KEY",
            r"BACKUP\s+CERTIFICATE.*WITH\s+PRIVATE\s+KEY", r"USE\s+PromptCrm;.*CREATE\s+CERTIFICATE\s+PromptCrmCert\s+FROM\s+FILE",
            r"ALGORITHM\s*=\s*AES_256\s+ENCRYPTION\s+BY\s+CERTIFICATE\s+PromptCrmCert"],
        "02_encryption/02_encrypt_columns.sql": [
            r"ENCRYPTBYKEY\s*\(\s*KEY_GUID", r"HASHBYTES\s*\(\s*'SHA2_256'\s*,\s*@opad\s*\+\s*HASHBYTES\s*\(\s*'SHA2_256'\s*,\s*@ipad",
            r"\^\s*54\b", r"\^\s*92\b", r"CREATE\s+UNIQUE\s+NONCLUSTERED\s+INDEX\s+UX_clients_national_id_hmac",
            r"CONVERT\s*\(\s*VARBINARY\s*\(\s*64\s*\)\s*,\s*N'\$\(HMAC_KEY_HEX\)'\s*,\s*2\s*\)"],
        "02_encryption/03_decrypt_and_assert.sql": [r"DECRYPTBYKEY\s*\(", r"THROW\s+5112\d", r"DROP\s+COLUMN"],
        "02_encryption/04_backup.sql": [r"BACKUP\s+DATABASE\s+PromptCrm", r"BACKUP\s+MASTER\s+KEY", r"BACKUP\s+SERVICE\s+MASTER\s+KEY"],
        "02_encryption/05_restore_without_certificate.sql": [
            r"RESTORE\s+DATABASE\s+PromptCrmRestored", r"DECRYPTBYKEYAUTOCERT", r"IF\s+@decrypted\s*<>\s*0", r"THROW\s+51133"],
        "03_analytics/01_month_year.sql": [r"RANK\s*\(\s*\)\s*OVER\s*\(\s*PARTITION\s+BY\s+sale_year", r"DENSE_RANK", r"1\.15"],
        "03_analytics/02_distance.sql": [r"geography::Point\s*\(", r"\.STDistance\s*\(", r"NTILE\s*\(\s*5\s*\)", r"PARTITION\s+BY\s+city", r"1\.5\s*\*\s*@far"],
        "03_analytics/03_channel_market.sql": [r"RANK\s*\(\s*\)\s*OVER\s*\(\s*PARTITION\s+BY\s+country_code", r"AVG\s*\(\s*sold\s*\)\s*OVER\s*\(\s*PARTITION\s+BY\s+campaign_id", r"@interaction\s*<\s*1\.5"],
        "03_analytics/04_lead_price.sql": [r"\[PROMPTADS\]\.\[\$\(ADS_DB\)\]\.ads\.daily_results", r"PERCENTILE_CONT\s*\(\s*0\.5\s*\)", r"@pricey\s*<\s*2\s*\*\s*@cheap"],
        "04_indexed_views/01_indexed_views.sql": [r"WITH\s+SCHEMABINDING(.*WITH\s+SCHEMABINDING)", r"COUNT_BIG\s*\(\s*\*\s*\)(.*COUNT_BIG\s*\(\s*\*\s*\))",
                                                  r"CREATE\s+UNIQUE\s+CLUSTERED\s+INDEX(.*CREATE\s+UNIQUE\s+CLUSTERED\s+INDEX)"],
        "04_indexed_views/02_showplan_before_after.sql": [r"SET\s+SHOWPLAN_XML\s+ON", r"WITH\s*\(\s*NOEXPAND\s*\)", r"SET\s+SHOWPLAN_XML\s+OFF", r"THROW\s+51311"],
        "05_logging/01_log_procedure.sql": [r"CREATE\s+OR\s+ALTER\s+PROCEDURE\s+crm\.PCrmSP_RegisterLog", r"ISJSON", r"SCOPE_IDENTITY"],
        "05_logging/02_log_test.sql": [r"EXEC\s+crm\.PCrmSP_RegisterLog", r"ROLLBACK\s+TRANSACTION", r"THROW\s+5141\d"],
        "06_concurrency/00_setup.sql": [r"PCrmSP_MoveReserveUnordered", r"PCrmSP_MoveReserveOrdered", r"ERROR_NUMBER\s*\(\s*\)\s*<>\s*1205",
                                        r"UPDLOCK\s*,\s*HOLDLOCK", r"READ\s+UNCOMMITTED", r"ISOLATION\s+LEVEL\s+SNAPSHOT"],
        "06_concurrency/01_deadlock3_session3.sql": [r"DEADLOCK_PRIORITY\s+LOW", r"PCrmSP_MoveReserveUnordered"],
        "06_concurrency/02_deadlock3_fixed_session3.sql": [r"PCrmSP_MoveReserveOrdered"],
        "06_concurrency/08_two_client_deadlock_client_a.sql": [r"demo_rendezvous", r"HOST_NAME\s*\(\s*\)", r"1205"],
        "06_concurrency/08_two_client_deadlock_client_b.sql": [r"demo_rendezvous", r"HOST_NAME\s*\(\s*\)", r"1205"],
    }
    for rel, patterns in rules.items():
        path = os.path.join(crm, rel)
        if not os.path.exists(path):
            failures.append(f"{path}: missing")
            continue
        body = strip_comments(open(path, encoding="utf-8").read())
        for rx in patterns:
            need(re.search(rx, body, re.I | re.S), failures, path, f"uses {rx}")
    return len(rules)


def literal_passwords(path):
    """Passwords and keys only as sqlcmd variables $(VAR), never literals (every T-SQL file)."""
    text = strip_comments(open(path, encoding="utf-8").read())
    return [f"a literal password ({m.group(1).strip()}…): use a sqlcmd variable $(VAR)"
            for m in re.finditer(r"((?:@rmt)?PASSWORD\s*=\s*N?')([^']*)'", text, re.I)
            if not re.fullmatch(r"\$\([A-Za-z_][A-Za-z0-9_]*\)", m.group(2))]


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    parse_only = "--parse-only" in sys.argv[1:]
    root = args[0] if args else "."
    linter = Linter(config=FluffConfig(overrides={"dialect": "tsql"}))
    files = sorted(glob.glob(os.path.join(root, "sql/*/mssql/**/*.sql"), recursive=True))
    failures, total_batches = [], 0
    if not files:
        failures.append("no sql/*/mssql/**/*.sql files found")
    for path in files:
        batches, problems, allowed = parse_file(linter, path)
        problems += literal_passwords(path)
        total_batches += len(batches)
        rel = os.path.relpath(path, root)
        note = f" ({len(allowed)} allow-listed: {'; '.join(allowed)})" if allowed else ""
        if problems:
            failures.extend(f"{rel}: {p}" for p in problems)
            print(f"FAIL {rel}: {len(problems)} problems in {len(batches)} batches")
        else:
            print(f"ok   {rel}: {len(batches)} batches parse as tsql{note}")
    demos = 0 if parse_only else structure(root, failures)
    crm_files = 0 if parse_only else crm_structure(root, failures)
    for f in failures:
        print(f"FAIL {f}")
    if failures:
        sys.exit(1)
    print(f"tsql: {len(files)} files, {total_batches} batches parsed; structure of the procedure, {demos} PromptAds demos and {crm_files} PromptCrm scripts verified")


if __name__ == "__main__":
    main()
