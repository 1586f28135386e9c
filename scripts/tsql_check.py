#!/usr/bin/env python3
"""Static checks of the T-SQL that cannot run here (no SQL Server on these machines).

1. Parse: every sql/*/mssql/**/*.sql is split into batches on GO lines (as sqlcmd and SSMS do)
   and each batch is parsed with sqlfluff's `tsql` dialect; any unparsable section fails, unless
   the statement it belongs to matches ALLOW below (statements the parser lacks, each with why).
2. Structure: the procedure takes READONLY table-valued parameters and is transactional, the
   MERGE reports OUTPUT $action, every demo self-asserts with THROW and has a PostgreSQL twin
   that self-asserts with RAISE EXCEPTION, BULK INSERT covers every table of tables.sql, etc.

Usage: tsql_check.py REPO_ROOT [--parse-only]   (one line per file, exit 1 on any failure)
"""
import glob
import os
import re
import sys

from sqlfluff.core import FluffConfig, Linter

# Statements sqlfluff's tsql dialect (4.x) cannot parse although SQL Server accepts them.
# Each entry: (regex matched against the statement's first line, why it is allowed).
ALLOW = [
    (r"^\s*ALTER DATABASE CURRENT SET QUERY_STORE \(",
     "sqlfluff lacks the option list of ALTER DATABASE ... SET QUERY_STORE (OPERATION_MODE = ...)"),
]

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
            statement = lines[start] if start < len(lines) else ""
            where = f"batch {n} line {first + line_no - 1}"
            why = next((w for rx, w in ALLOW if re.search(rx, statement, re.I)), None)
            if why:
                allowed.append(f"{where}: {why}")
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
        total_batches += len(batches)
        rel = os.path.relpath(path, root)
        note = f" ({len(allowed)} allow-listed: {'; '.join(allowed)})" if allowed else ""
        if problems:
            failures.extend(f"{rel}: {p}" for p in problems)
            print(f"FAIL {rel}: {len(problems)} problems in {len(batches)} batches")
        else:
            print(f"ok   {rel}: {len(batches)} batches parse as tsql{note}")
    demos = 0 if parse_only else structure(root, failures)
    for f in failures:
        print(f"FAIL {f}")
    if failures:
        sys.exit(1)
    print(f"tsql: {len(files)} files, {total_batches} batches parsed; structure of the procedure and {demos} demos verified")


if __name__ == "__main__":
    main()
