#!/usr/bin/env python3
"""Writes etl/n8n/promptsales-etl.json, the n8n workflow, from the SQL and pipeline files it runs.

The SQL in sql/sales/etl/ and the MongoDB pipelines beside this script are the source of truth;
the workflow embeds them verbatim so it imports and runs on its own. `--check` exits 1 when the
committed JSON differs from what the files produce (scripts/test.d/90-etl.sh runs it), so the two
never drift. Standard library only; output is deterministic (fixed ids, sorted keys).

Credentials are referenced by id and name only; their secrets are created at deploy/test time
(see docs/etl.md) and never appear here.
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "etl/n8n/promptsales-etl.json"

# The seeds' requirement: "Crear un ETL que se ejecute cada 11 minutos".
EVERY_MINUTES = 11

CRED_PORTAL = {"postgres": {"id": "psEtlPortal00001", "name": "PromptSales portal (ETL role)"}}
CRED_ADS = {"postgres": {"id": "psEtlAdsSource01", "name": "PromptAds source (ETL role)"}}
CRED_CRM = {"postgres": {"id": "psEtlCrmSource01", "name": "PromptCrm source (ETL role)"}}
CRED_CONTENT = {"mongoDb": {"id": "psEtlContentSrc1", "name": "PromptContent source (MongoDB)"}}


def sql(name):
    text = (ROOT / "sql/sales/etl" / name).read_text()
    return text.strip().rstrip(";")


def pipeline(name):
    # Re-serialised compactly; the files keep the readable layout.
    return json.dumps(json.loads((ROOT / "etl/n8n" / name).read_text()), indent=2)


def node_id(n):
    return f"00000000-0000-4000-8000-{n:012d}"


class Flow:
    def __init__(self):
        self.nodes = []
        self.connections = {}

    def add(self, name, type_, version, position, parameters, credentials=None, **extra):
        node = {
            "id": node_id(len(self.nodes) + 1),
            "name": name,
            "type": type_,
            "typeVersion": version,
            "position": list(position),
            "parameters": parameters,
        }
        if credentials:
            node["credentials"] = credentials
        node.update(extra)
        self.nodes.append(node)
        return name

    def connect(self, src, dst, output=0):
        outs = self.connections.setdefault(src, {"main": []})["main"]
        while len(outs) <= output:
            outs.append([])
        outs[output].append({"node": dst, "type": "main", "index": 0})


def postgres(flow, name, pos, query, cred, replacement=None, on_error=None):
    options = {}
    if replacement:
        options["queryReplacement"] = replacement
    extra = {"onError": on_error} if on_error else {}
    return flow.add(
        name, "n8n-nodes-base.postgres", 2.6, pos,
        {"operation": "executeQuery", "query": query, "options": options},
        cred, **extra)


def source_branch(flow, key, label, y, extract_cred, start_nodes):
    begin = postgres(flow, f"{label} · begin", (460, y), f"SELECT * FROM sales.etl_begin('{key}')", CRED_PORTAL)
    for s in start_nodes:
        flow.connect(s, begin)
    extract = postgres(
        flow, f"{label} · extract delta", (700, y), sql(f"{key}_extract.sql"), extract_cred,
        replacement="={{ [$json.watermark] }}", on_error="continueErrorOutput")
    load = postgres(
        flow, f"{label} · load summaries", (960, y),
        f"SELECT * FROM sales.etl_load_{key}($1, $2, $3)", CRED_PORTAL,
        replacement=(f"={{{{ [$json.payload, $('{begin}').first().json.started_at, "
                     f"$('{begin}').first().json.watermark] }}}}"),
        on_error="continueErrorOutput")
    fail = postgres(
        flow, f"{label} · log failure", (1220, y + 140),
        f"SELECT * FROM sales.etl_fail('{key}', $1, $2)", CRED_PORTAL,
        replacement=f"={{{{ [$('{begin}').first().json.started_at, $json.message ?? 'unknown error'] }}}}")
    flow.connect(begin, extract)
    flow.connect(extract, load, 0)
    flow.connect(extract, fail, 1)
    flow.connect(load, fail, 1)


def content_branch(flow, y, start_nodes):
    label = "Content"
    begin = postgres(flow, f"{label} · begin", (460, y), "SELECT * FROM sales.etl_begin('content')", CRED_PORTAL)
    for s in start_nodes:
        flow.connect(s, begin)
    mongo = {"operation": "aggregate", "collection": "images"}
    changed = flow.add(
        f"{label} · changed images", "n8n-nodes-base.mongoDb", 1.2, (700, y),
        {**mongo, "query": pipeline("content_changed.json"), "queryParameters": "={{ [$json.watermark] }}"},
        CRED_CONTENT, alwaysOutputData=True, onError="continueErrorOutput")
    collect_changed = flow.add(
        f"{label} · collect changed", "n8n-nodes-base.aggregate", 1, (940, y),
        {"aggregate": "aggregateAllItemData", "destinationFieldName": "changed"})
    recompute = flow.add(
        f"{label} · recompute touched campaigns", "n8n-nodes-base.mongoDb", 1.2, (1180, y),
        {**mongo, "query": pipeline("content_recompute.json"),
         "queryParameters": "={{ [$json.changed.map(d => d.campaign_ids ?? []).flat()] }}"},
        CRED_CONTENT, alwaysOutputData=True, onError="continueErrorOutput")
    collect_summary = flow.add(
        f"{label} · collect summary", "n8n-nodes-base.aggregate", 1, (1420, y),
        {"aggregate": "aggregateAllItemData", "destinationFieldName": "summary"})
    load = postgres(
        flow, f"{label} · load summaries", (1660, y),
        "SELECT * FROM sales.etl_load_content($1, $2, $3, $4)", CRED_PORTAL,
        replacement=(f"={{{{ [JSON.stringify($('{collect_changed}').first().json.changed), "
                     f"JSON.stringify($json.summary), $('{begin}').first().json.started_at, "
                     f"$('{begin}').first().json.watermark] }}}}"),
        on_error="continueErrorOutput")
    fail = postgres(
        flow, f"{label} · log failure", (1900, y + 140),
        "SELECT * FROM sales.etl_fail('content', $1, $2)", CRED_PORTAL,
        replacement=f"={{{{ [$('{begin}').first().json.started_at, $json.message ?? 'unknown error'] }}}}")
    flow.connect(begin, changed)
    flow.connect(changed, collect_changed, 0)
    flow.connect(changed, fail, 1)
    flow.connect(collect_changed, recompute)
    flow.connect(recompute, collect_summary, 0)
    flow.connect(recompute, fail, 1)
    flow.connect(collect_summary, load)
    flow.connect(load, fail, 1)


def build():
    flow = Flow()
    schedule = flow.add(
        f"Every {EVERY_MINUTES} minutes", "n8n-nodes-base.scheduleTrigger", 1.2, (200, 300),
        {"rule": {"interval": [{"field": "minutes", "minutesInterval": EVERY_MINUTES}]}})
    manual = flow.add("Run now", "n8n-nodes-base.manualTrigger", 1, (200, 520), {})
    starts = [schedule, manual]
    # n8n runs the branches one after another (execution order v1), top to bottom.
    source_branch(flow, "ads", "Ads", 160, CRED_ADS, starts)
    source_branch(flow, "crm", "CRM", 460, CRED_CRM, starts)
    content_branch(flow, 760, starts)
    flow.add(
        "About this workflow", "n8n-nodes-base.stickyNote", 1, (160, -120),
        {"width": 720, "height": 220, "content": (
            "## PromptSales ETL — delta only, every 11 minutes\n"
            "Per source: **begin** reads the watermark (max `updated_at` already applied, simulated time) → "
            "**extract** recomputes, on the source, only the summary rows the changed rows touch → **load** "
            "upserts them, refreshes campaign_performance, advances the watermark and logs the run in ONE "
            "PostgreSQL transaction. Any error → **log failure** (watermark unchanged; the next run re-reads "
            "the same delta). SQL: `sql/sales/etl/`; rebuild this JSON with `etl/n8n/build_workflow.py`.")})
    return {
        "id": "PromptSalesETL11",
        "name": "PromptSales ETL (delta every 11 minutes)",
        "active": False,
        "nodes": flow.nodes,
        "connections": flow.connections,
        "settings": {"executionOrder": "v1", "saveManualExecutions": True, "timezone": "UTC",
                     "callerPolicy": "workflowsFromSameOwner"},
        "pinData": {},
        "tags": [],
        "meta": {"generatedBy": "etl/n8n/build_workflow.py"},
    }


def main():
    text = json.dumps(build(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    if sys.argv[1:] == ["--check"]:
        if not OUT.exists() or OUT.read_text() != text:
            print(f"{OUT.relative_to(ROOT)} is stale: run etl/n8n/build_workflow.py", file=sys.stderr)
            return 1
        print(f"ok   {OUT.relative_to(ROOT)} matches sql/sales/etl and etl/n8n/*.json")
        return 0
    if sys.argv[1:]:
        print("usage: build_workflow.py [--check]", file=sys.stderr)
        return 2
    OUT.write_text(text)
    print(f"wrote {OUT.relative_to(ROOT)} ({len(build()['nodes'])} nodes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
