"""The Python peer of benches/mcp-load (the Rust load generator): the same calls with the
official Python SDK over Streamable HTTP. Each client opens its own session, makes WARMUP
unrecorded calls, then CALLS recorded calls one after another; every call's wall time (client
send → structured answer parsed) is recorded. All clients share one asyncio process, which is
what saturates first (~100 calls/s): run it with few clients.

usage: mcp_latency.py SALES_URL CONTENT_URL TOKEN_FILE CLIENTS CALLS WARMUP CAMPAIGNS NONCE
(an empty URL skips that server's calls)
"""
import asyncio
import math
import sys
import time

from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client

sales_url, content_url, token_file = sys.argv[1:4]
clients, calls, warmup, campaigns, nonce = (int(x) for x in sys.argv[4:9])
headers = {"Authorization": "Bearer " + open(token_file).read().strip()}
# The same words, queries and arguments as benches/mcp-load/src/calls.rs.
WORDS = ["beach", "coffee", "laptop", "running", "family", "bank", "summer", "city", "kitchen",
         "garden", "sunset", "phone", "dress", "shoes", "travel", "hotel"]


def nearest_rank(xs, p):
    """Smallest sample with at least p% of the samples at or below it (as mcp-load)."""
    xs = sorted(xs)
    return xs[min(len(xs), max(1, math.ceil(p / 100 * len(xs)))) - 1]


async def client(url, make_call, k, out):
    async with Client(streamable_http_client(url, http_client=create_mcp_http_client(headers=headers)),
                      mode="legacy") as c:
        for i in range(warmup + calls):
            name, args = make_call(k, i)
            t = time.perf_counter()
            r = await c.call_tool(name, args)
            if i >= warmup:
                out.append((time.perf_counter() - t) * 1000)
            assert not r.is_error, r.content


async def run(label, url, make_call):
    out = []
    cpu, t = time.process_time(), time.perf_counter()
    await asyncio.gather(*(client(url, make_call, k, out) for k in range(clients)))
    wall, cpu = time.perf_counter() - t, time.process_time() - cpu
    print(f"{label:<34} {clients:>4} {len(out):>6} {nearest_rank(out, 50):8.2f} {nearest_rank(out, 90):8.2f} "
          f"{nearest_rank(out, 99):8.2f} {max(out):8.2f} {len(out) / wall:8.0f} {cpu * 1000 / len(out):7.2f}",
          flush=True)


async def main():
    print(f"{'call (Python SDK peer)':<34} {'cli':>4} {'calls':>6} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} "
          f"{'max ms':>8} {'calls/s':>8} {'cli ms':>7}  (cli ms: client CPU per call, incl. warm-up)")
    if content_url:
        await run("getContent, distinct queries", content_url,
                  lambda k, i: ("getContent", {"query": f"{WORDS[(k + i) % 16]} {WORDS[(3 * k + i) % 16]} {nonce} {k} {i}",
                                               "top_k": 10}))
        await run("getContent, one repeated query", content_url,
                  lambda k, i: ("getContent", {"query": "sunny beach summer swimwear", "top_k": 10}))
    if sales_url:
        await run("getCampaignPerformance", sales_url,
                  lambda k, i: ("getCampaignPerformance", {"campaign_id": 1 + (k * 31 + i) % campaigns}))
        await run("topCampaigns (revenue, a quarter)", sales_url,
                  lambda k, i: ("topCampaigns", {"metric": "revenue", "n": 10, "from": "2024-10-01", "to": "2024-12-31"}))


asyncio.run(main())
