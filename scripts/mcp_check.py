"""MCP servers checked with the official Python SDK (PyPI `mcp`), answers against values
computed independently from the Parquet files with pyarrow.

usage: mcp_check.py stdio BIN DATA STATE SEED SCALE
       mcp_check.py http  BIN DATA STATE SEED SCALE SALES_URL CONTENT_URL TOKEN_FILE

BIN is the promptsales binary, DATA a dataset generated with the same --seed/--scale
(ads and content stores, Parquet), STATE the content server's --state-dir.
"""
import asyncio
import json
import os
import sys
from decimal import Decimal

import pyarrow.compute as pc
import pyarrow.parquet as pq
from mcp import Client, StdioServerParameters
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client
from mcp.shared.exceptions import MCPError

mode, BIN, DATA, STATE, SEED, SCALE = sys.argv[1:7]
checks = 0


def ok(cond, what):
    global checks
    if not cond:
        raise AssertionError(what)
    checks += 1


def table(name):
    return pq.read_table(os.path.join(DATA, *name.split("."))+".parquet").to_pylist()


def cents(d):
    return int(Decimal(d) * 100)


# ---- independent answers from the Parquet files --------------------------------------------
daily = pq.read_table(os.path.join(DATA, "ads", "daily_results.parquet"),
                      columns=["campaign_id", "channel_id", "market_id", "day", "reach", "likes",
                               "comments", "shares", "clicks", "leads", "conversions", "revenue",
                               "impressions", "cost"]).to_pylist()
agg = {}
for r in daily:
    a = agg.setdefault(r["campaign_id"], {"reach": 0, "reactions": 0, "sales": 0, "leads": 0,
                                          "revenue_cents": 0, "clicks": 0, "cost_cents": 0,
                                          "impressions": 0, "days": {}})
    a["reach"] += r["reach"]
    a["reactions"] += r["likes"] + r["comments"] + r["shares"]
    a["sales"] += r["conversions"]
    a["leads"] += r["leads"]
    a["clicks"] += r["clicks"]
    a["impressions"] += r["impressions"]
    a["revenue_cents"] += cents(r["revenue"])
    a["cost_cents"] += cents(r["cost"])
    d = a["days"].setdefault(r["day"], [0, 0])
    d[0] += cents(r["revenue"])
    d[1] += r["reach"]
campaigns = {c["campaign_id"]: c for c in table("ads.campaigns")}
channel_names = {c["channel_id"]: c["name"] for c in table("ads.channels")}
markets = {m["market_id"]: f'{m["city"]} ({m["country_code"]})' for m in table("ads.markets")}
camp_channels, camp_markets = {}, {}
for r in table("ads.campaign_channels"):
    camp_channels.setdefault(r["campaign_id"], set()).add(channel_names[r["channel_id"]])
for r in table("ads.campaign_markets"):
    camp_markets.setdefault(r["campaign_id"], set()).add(markets[r["market_id"]])
images = {i["image_id"]: i for i in pq.read_table(os.path.join(DATA, "content", "images.parquet"),
          columns=["image_id", "category", "url", "hashtags"]).to_pylist()}
ad_images = {}
for r in table("ads.ads"):
    ad_images.setdefault(r["campaign_id"], set()).add(r["image_id"])
N = len(campaigns)
print(f"parquet: {N} campaigns, {len(daily)} daily rows, {len(images)} images")


async def tool(c, name, args):
    return await c.call_tool(name, args)


async def expect_tool_error(c, name, args, needle):
    r = await c.call_tool(name, args)
    text = " ".join(getattr(b, "text", "") for b in r.content)
    ok(r.is_error is True, f"{name}({json.dumps(args)[:80]}) should be a tool error, got {text[:200]}")
    ok(needle in text, f"{name}: error '{text}' should mention '{needle}'")
    ok("\n" not in text.strip(), f"{name}: error must be one line: {text!r}")


async def expect_protocol_error(c, name, args):
    try:
        await c.call_tool(name, args)
    except MCPError as e:
        ok(e.error.code == -32602, f"unknown tool: JSON-RPC code {e.error.code}, want -32602")
        ok(name[:20] in e.error.message, e.error.message)
        return
    raise AssertionError(f"unknown tool {name} did not raise a protocol error")


def perf_matches(s, cid):
    a = agg[cid]
    m = s["metrics"]
    ok(m["reach"] == a["reach"], f"campaign {cid} reach {m['reach']} != parquet {a['reach']}")
    ok(m["sales"] == a["sales"], f"campaign {cid} sales {m['sales']} != {a['sales']}")
    ok(m["reactions"] == a["reactions"], f"campaign {cid} reactions {m['reactions']} != {a['reactions']}")
    ok(m["revenue_cents"] == a["revenue_cents"], f"campaign {cid} revenue {m['revenue_cents']} != {a['revenue_cents']}")
    ok(m["leads"] == a["leads"], f"campaign {cid} leads")
    want_rate = round(a["sales"] / a["leads"], 6) if a["leads"] else None
    ok(m["success_rate"] == want_rate, f"campaign {cid} success_rate {m['success_rate']} != {want_rate}")
    ok(set(s["channels"]) == camp_channels[cid], f"campaign {cid} channels {s['channels']} != {camp_channels[cid]}")
    ok(set(s["markets"]) == camp_markets[cid], f"campaign {cid} markets {s['markets']} != {camp_markets[cid]}")
    ok(s["name"] == campaigns[cid]["name"] and s["status"] == campaigns[cid]["status"], f"campaign {cid} name/status")


async def sales_checks(c, label):
    tools = {t.name: t for t in (await c.list_tools()).tools}
    ok(set(tools) == {"getCampaignPerformance", "compareCampaigns", "topCampaigns",
                      "campaignBreakdown", "findCampaigns"}, f"sales tools: {sorted(tools)}")
    ok(all(t.output_schema and t.input_schema.get("required") for t in tools.values()),
       "every sales tool has input and output schemas")
    sample = sorted({1, 2, max(1, N // 3), max(1, N // 2), N})
    for cid in sample:
        r = await tool(c, "getCampaignPerformance", {"campaign_id": cid})
        ok(not r.is_error and r.structured_content, f"campaign {cid}: {r}")
        perf_matches(r.structured_content, cid)
    r = await tool(c, "compareCampaigns", {"campaign_ids": sample[:3]})
    for s, cid in zip(r.structured_content["campaigns"], sample[:3]):
        ok(s["campaign_id"] == cid, "compare order")
        perf_matches(s, cid)
    # Top 5 by revenue over the December–January peak, computed from Parquet.
    import datetime
    lo = (datetime.date(2024, 12, 1) - datetime.date(1970, 1, 1)).days
    hi = (datetime.date(2025, 1, 31) - datetime.date(1970, 1, 1)).days
    period = []
    for cid, a in agg.items():
        days = [(d - datetime.date(1970, 1, 1)).days if isinstance(d, datetime.date) else d for d in a["days"]]
        vals = [v for d, v in zip(days, a["days"].values()) if lo <= d <= hi]
        if vals:
            period.append((-sum(v[0] for v in vals), cid))
    period.sort()
    want = [cid for _, cid in period[:5]]
    r = await tool(c, "topCampaigns", {"metric": "revenue", "n": 5, "from": "2024-12-01", "to": "2025-01-31"})
    got = [x["campaign_id"] for x in r.structured_content["campaigns"]]
    ok(got == want, f"top-5 revenue Dec–Jan: {got} != parquet {want}")
    ok([cents(str(x["value"])) for x in r.structured_content["campaigns"]] == [-v for v, _ in period[:5]],
       "top-5 revenue values")
    want_reach = [cid for _, cid in sorted((-a["reach"], cid) for cid, a in agg.items())[:10]]
    r = await tool(c, "topCampaigns", {"metric": "reach"})
    ok([x["campaign_id"] for x in r.structured_content["campaigns"]] == want_reach, "top-10 reach (window)")
    cid = sample[-1]
    r = await tool(c, "campaignBreakdown", {"campaign_id": cid, "by": "channel"})
    per = {}
    for d in daily:
        if d["campaign_id"] == cid:
            per[channel_names[d["channel_id"]]] = per.get(channel_names[d["channel_id"]], 0) + d["conversions"]
    ok({x["key"]: x["metrics"]["sales"] for x in r.structured_content["rows"]} == per, f"breakdown by channel {cid}")
    name = campaigns[cid]["name"]
    r = await tool(c, "findCampaigns", {"query": name.lower()})
    hits = r.structured_content["campaigns"]
    ok(any(h["campaign_id"] == cid and h["score"] == 1 for h in hits), f"find exact name {name!r}: {hits[:3]}")
    typo = name[:-3] + name[-2:]  # one character dropped
    r = await tool(c, "findCampaigns", {"query": typo, "limit": 5})
    ok(cid in [h["campaign_id"] for h in r.structured_content["campaigns"]], f"find with a typo {typo!r}")
    res = await c.list_resources()
    ok([str(x.uri) for x in res.resources] == ["promptsales://sales/metrics"], "metrics resource listed")
    doc = (await c.read_resource("promptsales://sales/metrics")).contents[0].text
    ok("likes + comments + shares" in doc and "success_rate" in doc and "conversions" in doc, "metrics doc")
    # Bad input: protocol error for an unknown tool, tool errors for bad arguments; still serving.
    await expect_protocol_error(c, "dropTables", {})
    await expect_tool_error(c, "getCampaignPerformance", {}, "campaign_id")
    await expect_tool_error(c, "getCampaignPerformance", {"campaign_id": "seven"}, "campaign_id")
    await expect_tool_error(c, "getCampaignPerformance", {"campaign_id": N + 1}, f"from 1 to {N}")
    await expect_tool_error(c, "getCampaignPerformance", {"campaign_id": 1, "extra": 1}, "extra")
    await expect_tool_error(c, "topCampaigns", {"metric": "happiness"}, "success_rate")
    await expect_tool_error(c, "topCampaigns", {"metric": "reach", "from": "2025-02-30"}, "YYYY-MM-DD")
    await expect_tool_error(c, "topCampaigns", {"metric": "reach", "from": "2025-05-01", "to": "2025-01-01"}, "from")
    await expect_tool_error(c, "compareCampaigns", {"campaign_ids": [1]}, "campaign_ids")
    await expect_tool_error(c, "findCampaigns", {"query": "x" * 5000}, "characters")
    await expect_tool_error(c, "campaignBreakdown", {"campaign_id": 1, "by": "planet"}, "channel, market, month")
    r = await tool(c, "getCampaignPerformance", {"campaign_id": 1})
    ok(not r.is_error, "still serving after bad input")
    perf_matches(r.structured_content, 1)
    print(f"  sales ({label}): {checks} checks so far")
    return r.structured_content


async def content_checks(c, label):
    tools = {t.name: t for t in (await c.list_tools()).tools}
    ok(set(tools) == {"getContent", "generateCampaignContent"}, f"content tools: {sorted(tools)}")
    ok(tools["getContent"].input_schema["properties"]["top_k"]["maximum"] == 50, "top_k limit as mcp_servers")
    r = await tool(c, "getContent", {"query": "sunny beach summer swimwear", "top_k": 5})
    imgs = r.structured_content["images"]
    ok(len(imgs) == 5, f"5 images, got {len(imgs)}")
    for im in imgs:
        pq_img = images[im["image_id"]]
        ok(pq_img["category"] == "beachwear", f"beach query returned image {im['image_id']} of {pq_img['category']}")
        ok(im["hashtags"] == list(pq_img["hashtags"]), f"image {im['image_id']} hashtags != parquet")
        ok(im["url"] == pq_img["url"], "url")
    ok([i["score"] for i in imgs] == sorted((i["score"] for i in imgs), reverse=True), "scores descending")
    tag = list(images[imgs[0]["image_id"]]["hashtags"])[-1]
    r = await tool(c, "getContent", {"query": "beach", "hashtags": [tag], "top_k": 50})
    ok(r.structured_content["images"] and all(tag in i["hashtags"] for i in r.structured_content["images"]),
       f"hashtag filter {tag}")
    want_tagged = {i for i, v in images.items() if tag in v["hashtags"]}
    ok({i["image_id"] for i in r.structured_content["images"]} == want_tagged, "hashtag filter = parquet set")
    r = await tool(c, "getContent", {"query": "laptop", "category": "fashion", "top_k": 3})
    ok(all(images[i["image_id"]]["category"] == "fashion" for i in r.structured_content["images"]), "category filter")
    # generateCampaignContent: a beachwear campaign when there is one.
    beach = [cid for cid, ids in ad_images.items() if any(images[i]["category"] == "beachwear" for i in ids)]
    cid = beach[0] if beach else 1
    desc = "Lanzamiento de trajes de baño de verano en Guanacaste. Colores vivos y tallas inclusivas."
    pops = [{"name": "Jóvenes adultos urbanos", "age_min": 18, "age_max": 24},
            {"name": "Madres y padres de familia", "gender": "all"},
            {"name": "Adultos mayores activos", "age_min": 55, "age_max": 70, "markets": ["San José"]}]
    r = await tool(c, "generateCampaignContent", {"campaign_id": cid, "description": desc, "populations": pops})
    ok(not r.is_error, f"generate: {r.content}")
    out = r.structured_content
    path = out["stored_at"]
    ok(os.path.dirname(os.path.abspath(path)) == os.path.abspath(os.path.join(STATE, "campaign_logs")), f"stored in {path}")
    with open(path) as fh:
        log = json.load(fh)
    ok(log["campaign_id"] == cid and len(log["target_populations"]) == 3, "log has the 3 populations")
    focus = "Lanzamiento de trajes de baño de verano en Guanacaste"
    cat = {images[i]["category"] for i in ad_images[cid]}
    for p, want in zip(log["target_populations"], pops):
        ok(p["name"] == want["name"], "population name")
        ok(len(p["messages"]) == 3, f"population {p['name']}: {len(p['messages'])} messages")
        ok([m["tone"] for m in p["messages"]] == ["informativo", "emocional", "urgencia"], "tones")
        for m in p["messages"]:
            ok(focus in m["text"], f"message does not mention the campaign message: {m['text']}")
            ok(m["channel"] in camp_channels[cid], f"channel {m['channel']} not one of {camp_channels[cid]}")
            ok(m["image_id"] in images and images[m["image_id"]]["category"] in cat,
               f"image {m['image_id']} not of the campaign's category {cat}")
    with open(os.path.join(STATE, "request_log.jsonl")) as fh:
        lines = [json.loads(l) for l in fh]
    ok(any(l["request_id"] == out["request_id"] and l["arguments"]["campaign_id"] == cid for l in lines),
       "request stored in request_log.jsonl")
    await expect_protocol_error(c, "deleteEverything", {"x": 1})
    await expect_tool_error(c, "getContent", {}, "query")
    await expect_tool_error(c, "getContent", {"query": "beach " * 1000}, "at most 4000")
    await expect_tool_error(c, "getContent", {"query": "beach", "top_k": 0}, "from 1 to 50")
    await expect_tool_error(c, "getContent", {"query": "beach", "category": "volcanoes"}, "beachwear")
    await expect_tool_error(c, "generateCampaignContent", {"campaign_id": cid, "populations": []}, "populations")
    await expect_tool_error(c, "generateCampaignContent", {"campaign_id": 0, "populations": pops}, "campaign_id")
    await expect_tool_error(c, "generateCampaignContent",
                            {"campaign_id": cid, "populations": [{"name": "x", "age_min": 50, "age_max": 20}]}, "age_min")
    n_logs = len(os.listdir(os.path.join(STATE, "campaign_logs")))
    ok(n_logs == 1, f"bad calls wrote nothing: {n_logs} logs")
    r = await tool(c, "getContent", {"query": "sunny beach summer swimwear", "top_k": 5})
    ok([i["image_id"] for i in r.structured_content["images"]] == [i["image_id"] for i in imgs], "still serving, same answer")
    print(f"  content ({label}): {checks} checks so far")


def server(kind):
    return StdioServerParameters(command=BIN, args=["mcp", kind, "--seed", SEED, "--scale", SCALE,
                                                    "--state-dir", STATE])


async def main():
    if mode == "stdio":
        async with Client(server("sales"), mode="legacy") as c:
            await sales_checks(c, "stdio")
        async with Client(server("content"), mode="legacy") as c:
            await content_checks(c, "stdio")
    else:
        sales_url, content_url, token_file = sys.argv[7:10]
        token = open(token_file).read().strip()
        headers = {"Authorization": f"Bearer {token}"}
        async with Client(streamable_http_client(sales_url, http_client=create_mcp_http_client(headers=headers)),
                          mode="legacy") as c:
            await sales_checks(c, "http")
        async with Client(streamable_http_client(content_url, http_client=create_mcp_http_client(headers=headers)),
                          mode="legacy") as c:
            await content_checks(c, "http")
    print(f"mcp_check {mode}: {checks} checks passed")


asyncio.run(main())
