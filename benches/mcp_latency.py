"""Latency of the MCP servers under N concurrent clients (official Python SDK over Streamable
HTTP on loopback). Each client opens its own session, then makes CALLS calls one after another;
every call's wall time (client send → structured answer parsed) is recorded.

usage: mcp_latency.py SALES_URL CONTENT_URL TOKEN_FILE CLIENTS CALLS CAMPAIGNS
"""
import asyncio
import statistics
import sys
import time

from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client

sales_url, content_url, token_file, clients, calls, campaigns = sys.argv[1:7]
clients, calls, campaigns = int(clients), int(calls), int(campaigns)
headers = {"Authorization": "Bearer " + open(token_file).read().strip()}
WORDS = ["beach", "coffee", "laptop", "running", "family", "bank", "summer", "city", "kitchen",
         "garden", "sunset", "phone", "dress", "shoes", "travel", "hotel"]


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


async def client(url, make_call, k, out):
    async with Client(streamable_http_client(url, http_client=create_mcp_http_client(headers=headers)),
                      mode="legacy") as c:
        for i in range(calls):
            name, args = make_call(k, i)
            t = time.perf_counter()
            r = await c.call_tool(name, args)
            out.append((time.perf_counter() - t) * 1000)
            assert not r.is_error, r.content


async def run(label, url, make_call):
    out = []
    t = time.perf_counter()
    await asyncio.gather(*(client(url, make_call, k, out) for k in range(clients)))
    wall = time.perf_counter() - t
    print(f"{label:<34} clients={clients:<3} calls={len(out):<5} p50={pct(out, 50):7.2f} ms "
          f"p99={pct(out, 99):7.2f} ms  mean={statistics.mean(out):7.2f} ms  {len(out) / wall:8.0f} calls/s")


async def main():
    # Distinct queries: every getContent embeds a new text and scans every image (no cache).
    await run("getContent (distinct queries)", content_url,
              lambda k, i: ("getContent", {"query": f"{WORDS[(k + i) % 16]} {WORDS[(3 * k + i) % 16]} {k} {i}", "top_k": 10}))
    await run("getContent (one repeated query)", content_url,
              lambda k, i: ("getContent", {"query": "sunny beach summer swimwear", "top_k": 10}))
    await run("getCampaignPerformance", sales_url,
              lambda k, i: ("getCampaignPerformance", {"campaign_id": 1 + (k * 31 + i) % campaigns}))
    await run("topCampaigns (revenue, a quarter)", sales_url,
              lambda k, i: ("topCampaigns", {"metric": "revenue", "n": 10, "from": "2024-10-01", "to": "2024-12-31"}))


asyncio.run(main())
