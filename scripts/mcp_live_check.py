"""Embedded vs live MCP backends, driven with the official Python SDK (PyPI `mcp`) over stdio.

usage: mcp_live_check.py BIN SEED SCALE STATE

The live servers read their URLs from PROMPTSALES_DATABASE_URL, PROMPTSALES_MONGO_URL,
PROMPTSALES_REDIS_URL (and PROMPTSALES_SQL_URL for querySql), as a deployment would: no
password on a command line. Also read from the environment: REDIS_PORT, REDIS_PASSWORD (redis-cli
TTL checks), MONGODB_URL (pymongo read-back), STOP_REDIS and STOP_PG (shell commands that stop
the servers mid-run).

Checks: the same calls to both backends give the same structuredContent (ignoring only `cache`,
`request_id`, `stored_at`) and the same tool errors; a repeated getContent is a Redis hit with a
TTL in (0, 7200]; the warm-up's key is a hit that equals the embedded answer;
generateCampaignContent persists 3 messages per population in Mongo `campaign_logs` and the
request in `request_log`; querySql answers SELECTs and refuses writes, DDL, multi-statements and
long queries; Redis down → still answers ("cache": "unavailable"); PostgreSQL down → isError,
the server keeps serving.
"""
import asyncio
import hashlib
import json
import os
import subprocess
import sys
import time
from contextlib import AsyncExitStack

import pymongo
from mcp import Client, StdioServerParameters

BIN, SEED, SCALE, STATE = sys.argv[1:5]
checks = 0
IGNORED = {"cache", "request_id", "stored_at"}


def ok(cond, what):
    global checks
    if not cond:
        raise AssertionError(what)
    checks += 1


def strip(v):
    if isinstance(v, dict):
        return {k: strip(x) for k, x in v.items() if k not in IGNORED}
    if isinstance(v, list):
        return [strip(x) for x in v]
    return v


def text_of(r):
    return " ".join(getattr(b, "text", "") for b in r.content)


def params(kind, *extra, live=False):
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
    if live:
        env.update({k: v for k, v in os.environ.items() if k.startswith("PROMPTSALES_")})
        args = ["mcp", kind, "--live", *extra]
    else:
        args = ["mcp", kind, "--seed", SEED, "--scale", SCALE, "--state-dir", STATE, *extra]
    return StdioServerParameters(command=BIN, args=args, env=env)


async def same(emb, live, name, args, label=None):
    """Calls both backends; asserts equal answers (or equal tool errors); returns the live one."""
    a = await emb.call_tool(name, args)
    b = await live.call_tool(name, args)
    label = label or f"{name}({json.dumps(args, ensure_ascii=False)[:90]})"
    ok(bool(a.is_error) == bool(b.is_error), f"{label}: embedded is_error={a.is_error}, live is_error={b.is_error}: {text_of(b)[:200]}")
    if a.is_error:
        ok(text_of(a) == text_of(b), f"{label}: errors differ: {text_of(a)!r} vs {text_of(b)!r}")
    else:
        ea, eb = strip(a.structured_content), strip(b.structured_content)
        if ea != eb:
            for k in sorted(set(ea) | set(eb)):
                if ea.get(k) != eb.get(k):
                    print(f"  first difference at {k!r}:\n    embedded {json.dumps(ea.get(k))[:400]}\n    live     {json.dumps(eb.get(k))[:400]}")
                    break
        ok(ea == eb, f"{label}: embedded and live answers differ")
    return b


def search_key(query, category, top_k, hashtags=()):
    canonical = f'{{"query":"{query}","category":"{category or ""}","top_k":{top_k}'
    if hashtags:
        canonical += ',"hashtags":' + json.dumps(list(hashtags), separators=(",", ":"), ensure_ascii=False)
    canonical += "}"
    return "contenido:busqueda:" + hashlib.sha256(canonical.encode()).hexdigest()[:16]


def redis_cli(*args):
    env = dict(os.environ, REDISCLI_AUTH=os.environ["REDIS_PASSWORD"])
    out = subprocess.run(["redis-cli", "-p", os.environ["REDIS_PORT"], *args], env=env,
                         capture_output=True, text=True, timeout=10)
    return out.stdout.strip()


async def sales(emb, live):
    perf = await emb.call_tool("getCampaignPerformance", {"campaign_id": 1})
    ok(not perf.is_error, "embedded answers")
    # Campaign count from an out-of-range id's error ("from 1 to N").
    err = text_of(await emb.call_tool("getCampaignPerformance", {"campaign_id": 10**6}))
    N = int(err.rsplit("to ", 1)[1].split()[0].strip(")"))
    ids = sorted({1, 2, 3, N // 4 or 1, N // 3 or 1, N // 2 or 1, N - 1 or 1, N})
    for cid in ids:
        await same(emb, live, "getCampaignPerformance", {"campaign_id": cid})
        for by in ("channel", "market", "month"):
            await same(emb, live, "campaignBreakdown", {"campaign_id": cid, "by": by})
    await same(emb, live, "compareCampaigns", {"campaign_ids": ids[:4]})
    await same(emb, live, "compareCampaigns", {"campaign_ids": [ids[-1], ids[0], ids[-1]]})
    periods = [{}, {"from": "2024-12-01", "to": "2025-01-31"}, {"from": "2025-08-01", "to": "2025-08-31"},
               {"from": "2025-10-31", "to": "2025-10-31"}, {"from": "2024-07-01", "to": "2024-07-01"}]
    for metric in ("reach", "sales", "revenue", "success_rate", "reactions", "ctr", "roas", "cost", "exposure_hours"):
        for p in periods:
            await same(emb, live, "topCampaigns", {"metric": metric, "n": 7, **p})
    for status in ("active", "completed"):
        await same(emb, live, "topCampaigns", {"metric": "sales", "n": 100, "status": status})
    names = [c["name"] for c in (await emb.call_tool("topCampaigns", {"metric": "reach", "n": 5})).structured_content["campaigns"]]
    for name in names[:3]:
        await same(emb, live, "findCampaigns", {"query": name.lower()})
        await same(emb, live, "findCampaigns", {"query": name[:-3] + name[-2:], "limit": 5})  # a typo
        await same(emb, live, "findCampaigns", {"query": name.split()[0], "limit": 50})
    # Bad arguments: the same one-line tool errors.
    for name, args in [("getCampaignPerformance", {}), ("getCampaignPerformance", {"campaign_id": N + 1}),
                       ("getCampaignPerformance", {"campaign_id": "seven"}),
                       ("topCampaigns", {"metric": "happiness"}), ("topCampaigns", {"metric": "reach", "from": "2025-02-30"}),
                       ("compareCampaigns", {"campaign_ids": [1]}), ("campaignBreakdown", {"campaign_id": 1, "by": "planet"}),
                       ("findCampaigns", {"query": "x" * 300})]:
        await same(emb, live, name, args)
    res = await live.read_resource("promptsales://sales/metrics")
    ok("success_rate" in res.contents[0].text, "live metrics resource")
    print(f"  sales: embedded = live on {len(ids)} campaigns × (performance, 3 breakdowns), top-N over 9 metrics × 5 periods, find, errors ({checks} checks)")
    return N


async def sql_tool(live_sql, N):
    tools = {t.name for t in (await live_sql.list_tools()).tools}
    ok("querySql" in tools, f"querySql listed with --sql-tool: {sorted(tools)}")
    r = await live_sql.call_tool("querySql", {"sql": "SELECT count(*) AS n, sum(budget) AS budget FROM ads.campaigns"})
    ok(not r.is_error and r.structured_content["rows"][0][0] == N, f"SELECT count(*): {text_of(r)[:200]}")
    ok(r.structured_content["columns"] == ["n", "budget"] and isinstance(r.structured_content["rows"][0][1], float), "columns and numeric")
    r = await live_sql.call_tool("querySql", {"sql": "SELECT campaign_id, name, start_date FROM ads.campaigns ORDER BY campaign_id", "max_rows": 5})
    s = r.structured_content
    ok(s["row_count"] == 5 and s["truncated"] is True and [x[0] for x in s["rows"]] == [1, 2, 3, 4, 5], f"row cap: {s}")
    ok(len(s["rows"][0][2]) == 10 and s["rows"][0][2][4] == "-", f"date as ISO: {s['rows'][0]}")
    r = await live_sql.call_tool("querySql", {"sql": "SELECT g FROM generate_series(1, 5000) g"})
    ok(r.structured_content["row_count"] == 1000 and r.structured_content["truncated"], "default cap 1000 rows")

    async def refused(sql, needle):
        t0 = time.monotonic()
        r = await live_sql.call_tool("querySql", {"sql": sql})
        ok(r.is_error, f"{sql[:60]!r} should be refused, got {text_of(r)[:200]}")
        ok(needle in text_of(r), f"{sql[:60]!r}: error {text_of(r)!r} should mention {needle!r}")
        ok("\n" not in text_of(r).strip(), "one line")
        return time.monotonic() - t0

    await refused("INSERT INTO ads.channels VALUES (99, 'x', 'x', 'x')", "starting with SELECT")
    await refused("UPDATE ads.campaigns SET name = 'x'", "starting with SELECT")
    await refused("DELETE FROM ads.campaigns", "starting with SELECT")
    await refused("DROP TABLE ads.campaigns", "starting with SELECT")
    await refused("CREATE TABLE ads.x (i int)", "starting with SELECT")
    await refused("SELECT 1; DROP TABLE ads.campaigns", "multiple commands")
    await refused("WITH gone AS (DELETE FROM ads.campaigns RETURNING 1) SELECT count(*) FROM gone", "read-only transaction")
    await refused("SELECT * FROM ads.campaigns FOR UPDATE", "read-only transaction")
    took = await refused("SELECT pg_sleep(10)", "statement timeout")
    ok(took < 6, f"pg_sleep(10) cut by the 2 s timeout, took {took:.1f} s")
    r = await live_sql.call_tool("querySql", {"sql": "SELECT count(*) FROM ads.campaigns"})
    ok(not r.is_error and r.structured_content["rows"][0][0] == N, "still serving, nothing deleted")
    print(f"  querySql: SELECT, row cap, writes/DDL/multi-statement/FOR UPDATE refused, pg_sleep(10) cut after {took:.1f} s ({checks} checks)")


async def content(emb, live, N):
    calls = [
        {"query": "sunny beach summer swimwear", "top_k": 5},
        {"query": "sunny beach summer swimwear"},
        {"query": "laptop with a bright screen", "top_k": 50},
        {"query": "zapatos deportivos para correr", "top_k": 12},
        {"query": "laptop", "category": "fashion", "top_k": 3},
        {"query": "family dinner", "category": "food_beverage", "top_k": 20},
        {"query": "beach"},
    ]
    answers = []
    for args in calls:
        b = await same(emb, live, "getContent", args)
        ok(b.structured_content["cache"] in ("miss", "hit"), f"cache state {b.structured_content['cache']}")
        answers.append(b.structured_content)
    tag = answers[0]["images"][0]["hashtags"][-1]
    for args in [{"query": "beach", "hashtags": [tag], "top_k": 50},
                 {"query": "beach", "hashtags": [tag.lstrip("#").upper()], "category": answers[0]["images"][0]["category"]}]:
        await same(emb, live, "getContent", args)
    # Second identical call: a Redis hit with the documented TTL.
    args = {"query": "sunny beach summer swimwear", "top_k": 5}
    b = await same(emb, live, "getContent", args)
    ok(b.structured_content["cache"] == "hit", f"second call: {b.structured_content['cache']}")
    key = search_key(args["query"], None, 5)
    ttl = int(redis_cli("TTL", key) or -3)
    ok(0 < ttl <= 7200, f"{key} TTL {ttl} outside (0, 7200]")
    stored = json.loads(redis_cli("GET", key))
    ok(stored["image_ids"] == [i["image_id"] for i in b.structured_content["images"]]
       and stored["query"] == args["query"] and stored["category"] == "", f"cached value shape: {list(stored)}")
    tagged = search_key("beach", None, 50, [tag])
    ok(0 < int(redis_cli("TTL", tagged) or -3) <= 7200, f"hashtag search cached under {tagged}")
    # The warm-up's key (loaders/src/redis: query = category, top_k 10) is a hit with only ids.
    warm = search_key("beachwear", "beachwear", 10)
    ok(set(json.loads(redis_cli("GET", warm))) == {"query", "category", "image_ids"}, "warm-up value shape")
    b = await same(emb, live, "getContent", {"query": "beachwear", "category": "beachwear"})
    ok(b.structured_content["cache"] == "hit", f"warm-up key: {b.structured_content['cache']}")
    # Bad input: same errors.
    for bad in [{}, {"query": "beach", "top_k": 0}, {"query": "beach", "category": "volcanoes"}, {"query": "b " * 2100}]:
        await same(emb, live, "getContent", bad)
    print(f"  getContent: embedded = live on {len(calls) + 4} searches (with/without category and hashtags), Redis hit with TTL {ttl} s, warm-up key hit ({checks} checks)")

    # generateCampaignContent: same answer; persisted in Mongo.
    db = pymongo.MongoClient(os.environ["MONGODB_URL"])[os.environ.get("MONGO_DB", "promptcontent")]
    logs_before = db.campaign_logs.count_documents({})
    cid = max(1, N // 2)
    pops = [{"name": "Jóvenes adultos urbanos", "age_min": 18, "age_max": 24},
            {"name": "Madres y padres de familia", "gender": "all"},
            {"name": "Adultos mayores activos", "age_min": 55, "age_max": 70, "markets": ["San José"]}]
    desc = "Lanzamiento de trajes de baño de verano en Guanacaste. Colores vivos y tallas inclusivas."
    args = {"campaign_id": cid, "description": desc, "populations": pops}
    b = (await same(emb, live, "generateCampaignContent", args)).structured_content
    await same(emb, live, "generateCampaignContent", {"campaign_id": 2, "populations": pops[:1]})
    for bad in [{"campaign_id": cid, "populations": []}, {"campaign_id": N + 1, "populations": pops},
                {"campaign_id": cid, "populations": [{"name": "x", "age_min": 50, "age_max": 20}]}]:
        await same(emb, live, "generateCampaignContent", bad)
    doc = db.campaign_logs.find_one({"campaign_id": cid})
    ok(doc is not None and doc["generation"]["request_id"] == b["request_id"], f"campaign_logs has the live log of {cid}")
    ok(len(doc["target_populations"]) == 3 and all(len(p["messages"]) == 3 for p in doc["target_populations"]),
       "exactly 3 messages per population in Mongo")
    ok([m["text"] for p in doc["target_populations"] for m in p["messages"]]
       == [m["text"] for p in b["target_populations"] for m in p["messages"]], "Mongo messages = the answer's")
    ok(all("Lanzamiento de trajes de baño" in m["text"] for p in doc["target_populations"] for m in p["messages"]),
       "messages mention the campaign's message")
    ok(isinstance(doc["campaign_id"], int) and doc["brand_id"] == b["brand_id"], "ids")
    ok(db.campaign_logs.count_documents({}) == logs_before == N, f"one log per campaign kept ({logs_before} → {db.campaign_logs.count_documents({})})")
    req = db.request_log.find_one({"request_id": b["request_id"]})
    ok(req is not None and req["arguments"]["campaign_id"] == cid and req["method"] == "generateCampaignContent"
       and req["status_code"] == 200, f"request_log document: {req}")
    print(f"  generateCampaignContent: embedded = live; Mongo campaign_logs (3 × 3 messages) and request_log written ({checks} checks)")


async def outages(emb, live_content, live_sales):
    subprocess.run(os.environ["STOP_REDIS"], shell=True, check=True)
    time.sleep(0.5)
    for args in [{"query": "sunny beach summer swimwear", "top_k": 5}, {"query": "red running shoes", "top_k": 4}]:
        b = await same(emb, live_content, "getContent", args)
        ok(b.structured_content["cache"] == "unavailable", f"Redis down: cache {b.structured_content['cache']}")
    print(f"  Redis stopped: getContent still answers, \"cache\": \"unavailable\" ({checks} checks)")
    subprocess.run(os.environ["STOP_PG"], shell=True, check=True)
    for c, name, args in [(live_sales, "getCampaignPerformance", {"campaign_id": 1}),
                          (live_sales, "topCampaigns", {"metric": "reach"}),
                          (live_content, "getContent", {"query": "mountain hiking boots"}),
                          (live_sales, "getCampaignPerformance", {"campaign_id": 2})]:
        r = await c.call_tool(name, args)
        ok(r.is_error and "unavailable" in text_of(r) and "\n" not in text_of(r).strip(), f"PostgreSQL down: {name}: {text_of(r)[:200]}")
        ok("promptsales-pgv-test" not in text_of(r), "no password in the error")
    ok(len((await live_sales.list_tools()).tools) >= 5, "sales server still serving")
    ok("success_rate" in (await live_sales.read_resource("promptsales://sales/metrics")).contents[0].text, "resource still served")
    print(f"  PostgreSQL stopped mid-run: tool errors (isError, one line), both servers keep serving ({checks} checks)")


async def main():
    async with AsyncExitStack() as stack:
        emb_sales = await stack.enter_async_context(Client(params("sales"), mode="legacy"))
        live_sales = await stack.enter_async_context(Client(params("sales", live=True), mode="legacy"))
        live_sql = await stack.enter_async_context(Client(params("sales", "--sql-tool", live=True), mode="legacy"))
        emb_content = await stack.enter_async_context(Client(params("content"), mode="legacy"))
        live_content = await stack.enter_async_context(Client(params("content", live=True), mode="legacy"))
        ok("querySql" not in {t.name for t in (await live_sales.list_tools()).tools}, "querySql off without --sql-tool")
        N = await sales(emb_sales, live_sales)
        await sql_tool(live_sql, N)
        await content(emb_content, live_content, N)
        await outages(emb_content, live_content, live_sales)
    print(f"mcp_live_check: {checks} checks passed")


asyncio.run(main())
