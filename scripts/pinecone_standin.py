#!/usr/bin/env python3
"""A local STAND-IN for Pinecone's REST data plane, for tests only. It is not Pinecone.

It checks every request against the published data-plane API (docs.pinecone.io, API
reference: data-plane/upsert, query, describe_index_stats, delete): POST with JSON,
`Api-Key` equal to the expected key, `X-Pinecone-Api-Version` of the form YYYY-MM, upsert
bodies of at most 1000 vectors and 2 MB, ids non-empty strings, `values` of the index
dimension, metadata values strings, numbers, booleans or lists of strings. A request that
breaks a rule is answered 400 and recorded as a violation.

Faults: STANDIN_FAULTS="429,503" answers the first upsert 429 (with `Retry-After: 1`) and the
second 503, then behaves. GET /_standin/state (stand-in only) returns what it saw as JSON.

Usage: pinecone_standin.py PORT DIMENSION   (expects the key in STANDIN_API_KEY)
"""
import json
import math
import os
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_VECTORS = 1000
MAX_BYTES = 2_000_000
PORT, DIM = int(sys.argv[1]), int(sys.argv[2])
KEY = os.environ["STANDIN_API_KEY"]
FAULTS = [int(x) for x in os.environ.get("STANDIN_FAULTS", "").split(",") if x.strip()]

lock = threading.Lock()
state = {
    "violations": [],
    "requests": [],
    "upserts_per_id": {},
    "namespaces": {},
}


def violation(msg):
    state["violations"].append(msg)
    return msg


def check_metadata(md):
    if not isinstance(md, dict):
        return "metadata is not an object"
    for k, v in md.items():
        if isinstance(v, bool) or isinstance(v, (int, float)) or isinstance(v, str):
            continue
        if isinstance(v, list) and all(isinstance(x, str) for x in v):
            continue
        return f"metadata field {k!r} has a value Pinecone does not accept: {type(v).__name__}"
    return None


def check_upsert(body):
    if not isinstance(body, dict) or not isinstance(body.get("vectors"), list):
        return "upsert body has no 'vectors' array"
    vs = body["vectors"]
    if not 1 <= len(vs) <= MAX_VECTORS:
        return f"upsert of {len(vs)} vectors (limit 1..{MAX_VECTORS})"
    if "namespace" in body and not isinstance(body["namespace"], str):
        return "namespace is not a string"
    for v in vs:
        if not isinstance(v.get("id"), str) or not v["id"]:
            return "vector without a string id"
        vals = v.get("values")
        if not isinstance(vals, list) or len(vals) != DIM or not all(isinstance(x, (int, float)) for x in vals):
            return f"vector {v.get('id')} values are not {DIM} numbers"
        if "metadata" in v:
            bad = check_metadata(v["metadata"])
            if bad:
                return bad
        extra = set(v) - {"id", "values", "metadata", "sparseValues"}
        if extra:
            return f"unknown vector fields {sorted(extra)}"
    return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, obj, headers=None):
        data = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/_standin/state":
            with lock:
                self.answer(200, state)
        else:
            self.answer(404, {"code": 5, "message": "not found"})

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        with lock:
            rec = {"path": self.path, "bytes": len(raw), "at": time.time()}
            state["requests"].append(rec)
            if self.headers.get("Api-Key") != KEY:
                rec["status"] = 401
                return self.answer(401, {"code": 16, "message": "Invalid API Key"})
            problem = None
            if not re.fullmatch(r"\d{4}-\d{2}", self.headers.get("X-Pinecone-Api-Version", "")):
                problem = "missing or malformed X-Pinecone-Api-Version"
            elif "application/json" not in self.headers.get("Content-Type", ""):
                problem = "Content-Type is not application/json"
            elif len(raw) > MAX_BYTES:
                problem = f"request of {len(raw)} bytes (limit {MAX_BYTES})"
            try:
                body = json.loads(raw or b"{}")
            except ValueError:
                body, problem = None, problem or "body is not JSON"
            if problem is None and self.path == "/vectors/upsert":
                problem = check_upsert(body)
                rec["vectors"] = len(body.get("vectors", [])) if isinstance(body, dict) else 0
            if problem is not None:
                rec["status"] = 400
                return self.answer(400, {"code": 3, "message": violation(problem)})
            if self.path == "/vectors/upsert":
                upserts = sum(1 for r in state["requests"] if r["path"] == "/vectors/upsert")
                if upserts <= len(FAULTS):
                    status = FAULTS[upserts - 1]
                    rec["status"] = status
                    headers = {"Retry-After": "1"} if status == 429 else {}
                    return self.answer(status, {"code": 8, "message": "injected fault"}, headers)
                ns = state["namespaces"].setdefault(body.get("namespace", ""), {})
                for v in body["vectors"]:
                    ns[v["id"]] = (v["values"], v.get("metadata", {}))
                    state["upserts_per_id"][v["id"]] = state["upserts_per_id"].get(v["id"], 0) + 1
                rec["status"] = 200
                return self.answer(200, {"upsertedCount": len(body["vectors"])})
            if self.path == "/describe_index_stats":
                rec["status"] = 200
                nss = {k: {"vectorCount": len(v)} for k, v in state["namespaces"].items()}
                return self.answer(200, {"dimension": DIM, "namespaces": nss,
                                         "totalVectorCount": sum(len(v) for v in state["namespaces"].values()),
                                         "indexFullness": 0.0})
            if self.path == "/vectors/delete":
                rec["status"] = 200
                if body.get("deleteAll"):
                    state["namespaces"].pop(body.get("namespace", ""), None)
                return self.answer(200, {})
            if self.path == "/query":
                q, k = body.get("vector"), body.get("topK")
                if not isinstance(q, list) or len(q) != DIM or not isinstance(k, int) or not 1 <= k <= 10000:
                    rec["status"] = 400
                    return self.answer(400, {"code": 3, "message": violation("query needs vector of the index dimension and topK 1..10000")})
                ns = state["namespaces"].get(body.get("namespace", ""), {})
                def cos(a, b):
                    na = math.sqrt(sum(x * x for x in a)) or 1.0
                    nb = math.sqrt(sum(x * x for x in b)) or 1.0
                    return sum(x * y for x, y in zip(a, b)) / na / nb
                scored = sorted(((cos(q, v[0]), i, v[1]) for i, v in ns.items()), key=lambda t: (-t[0], t[1]))[:k]
                rec["status"] = 200
                return self.answer(200, {"matches": [{"id": i, "score": s, "metadata": m} for s, i, m in scored],
                                         "namespace": body.get("namespace", "")})
            rec["status"] = 404
            return self.answer(404, {"code": 5, "message": f"unknown path {self.path}"})


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
