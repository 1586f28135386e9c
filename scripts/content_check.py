#!/usr/bin/env python3
"""Independent checks of the PromptContent dump with pymongo's own BSON codec.

No MongoDB server runs here, so this is the strongest check available: pymongo's C decoder reads
every `<collection>.bson` the way mongorestore's driver would, `bson.json_util` reads the Extended
JSON lines the way mongoimport's format is specified, and the two must be the *same documents,
byte for byte* once re-encoded. Then counts, field types and limits, the metadata files, and the
cross-store rules against `ads.ads` (CSV) are asserted.

usage: content_check.py DATASET_DIR
       content_check.py --corrupt {hashtag,campaign_ids} DATASET_DIR
         (rewrites images.bson with one breach and fixes the manifest checksum, so only the
          content rule — not the file check — can catch it)
"""

import csv
import hashlib
import json
import math
import os
import sys
from datetime import datetime

import bson
from bson import json_util
from bson.codec_options import CodecOptions
from bson.int64 import Int64
from bson.objectid import ObjectId
from bson.raw_bson import RawBSONDocument

COLLECTIONS = ["images", "services", "credentials", "request_log", "campaign_logs", "mcp_servers"]
CATEGORIES = {
    "fashion", "beachwear", "food_beverage", "technology", "beauty", "fitness", "travel", "home",
    "automotive", "finance", "education", "health",
}
REQUIRED_INDEXES = {
    "images": [{"hashtags": 1}, {"category": 1}, {"campaign_ids": 1}, {"image_id": 1}],
    "campaign_logs": [{"campaign_id": 1}],
    "request_log": [{"campaign_id": 1, "requested_at": 1}],
}

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def squash(word):
    return "".join(c for c in word if c.isalnum()).lower()


def tag_spelled(tag, description):
    """Python re-implementation: the tag is consecutive whole words of the description."""
    if not tag.startswith("#") or len(tag) < 2:
        return False
    t = squash(tag[1:])
    words = [squash(w) for w in description.split()]
    for i in range(len(words)):
        acc = ""
        for w in words[i:]:
            acc += w
            if len(acc) >= len(t):
                break
        if acc == t:
            return True
    return False


def main(root):
    manifest = json.load(open(os.path.join(root, "manifest.json")))
    dump = os.path.join(root, "content", "mongo", "promptcontent")
    docs = {}
    for name in COLLECTIONS:
        path = os.path.join(dump, name + ".bson")
        with open(path, "rb") as f:
            raws = list(bson.decode_file_iter(f, CodecOptions(document_class=RawBSONDocument)))
        with open(path, "rb") as f:
            decoded = list(bson.decode_file_iter(f))
        lines = open(os.path.join(root, "content", name + ".jsonl"), encoding="utf-8").read().splitlines()
        from_json = [json_util.loads(line) for line in lines]
        check(len(raws) == len(from_json), f"{name}: {len(raws)} BSON vs {len(from_json)} JSONL documents")
        same = sum(bson.encode(j) == r.raw for j, r in zip(from_json, raws))
        check(same == len(raws), f"{name}: only {same}/{len(raws)} JSONL documents re-encode to the dump's bytes")
        rows = manifest["tables"]["content." + name]["rows"]
        check(rows == len(decoded), f"{name}: manifest says {rows} rows, dump has {len(decoded)}")
        check(len({d["_id"] for d in decoded}) == len(decoded), f"{name}: duplicate _id")
        check(all(isinstance(d["_id"], ObjectId) for d in decoded), f"{name}: _id not ObjectId")
        # Metadata: canonical Extended JSON that mongorestore reads.
        meta_text = open(os.path.join(dump, name + ".metadata.json"), encoding="utf-8").read()
        meta = json.loads(meta_text)
        json_util.loads(meta_text)  # must also parse as Extended JSON
        keys = [json_util.loads(json.dumps(ix["key"])) for ix in meta["indexes"]]
        check(meta["indexes"][0]["name"] == "_id_" and keys[0] == {"_id": 1}, f"{name}: first index is not _id_")
        check(meta.get("collectionName") == name, f"{name}: collectionName")
        for want in REQUIRED_INDEXES.get(name, []):
            check(want in keys, f"{name}: no index on {want}")
        docs[name] = decoded

    scale = manifest["scale"]
    dims = manifest.get("embedding_dims", 384)
    images = docs["images"]
    check(len(images) == max(100, round(100 * scale)), f"images: {len(images)}")
    for d in images:
        iid = d["image_id"]
        check(isinstance(iid, Int64), f"image {iid}: image_id not int64")
        words = d["description"].split()
        check(len(words) >= 40, f"image {iid}: {len(words)} words")
        tags = d["hashtags"]
        check(5 <= len(tags) <= 12 and len(set(tags)) == len(tags), f"image {iid}: {len(tags)} hashtags")
        for t in tags:
            check(tag_spelled(t, d["description"]), f"image {iid}: {t} not in its description")
        check(d["category"] in CATEGORIES, f"image {iid}: category {d['category']}")
        check(d["url"].startswith("https://") and d["thumbnail_url"].startswith("https://"), f"image {iid}: url")
        tech = d["technical"]
        check(isinstance(tech["width"], int) and tech["width"] > 0 and tech["bytes"] > 0, f"image {iid}: technical")
        check(all(c.startswith("#") and len(c) == 7 for c in tech["dominant_colors"]), f"image {iid}: colours")
        emb = d["embedding"]
        check(len(emb) == dims and all(isinstance(x, float) for x in emb), f"image {iid}: embedding dim {len(emb)}")
        norm = math.sqrt(sum(x * x for x in emb))
        check(abs(norm - 1.0) < 1e-4, f"image {iid}: embedding norm {norm}")
        cids = d["campaign_ids"]
        check(all(isinstance(c, Int64) for c in cids) and cids == sorted(set(cids)), f"image {iid}: campaign_ids")
        check(isinstance(d["created_at"], datetime), f"image {iid}: created_at not a date")
        check(d["approval"]["current_version"] == len(d["approval"]["versions"]), f"image {iid}: versions")

    # Cross-store against ads.ads, read from its CSV.
    ads = list(csv.DictReader(open(os.path.join(root, "ads", "ads.csv"), encoding="utf-8")))
    users = {}
    for a in ads:
        users.setdefault(int(a["image_id"]), set()).add(int(a["campaign_id"]))
    ids = {d["image_id"] for d in images}
    check(all(i in ids for i in users), "an ads.ads image_id is missing from images")
    for d in images:
        check(d["campaign_ids"] == sorted(users.get(d["image_id"], set())), f"image {d['image_id']}: campaign_ids differ from ads.ads")
    campaigns = round(1000 * scale)
    logs = docs["campaign_logs"]
    check(len(logs) == campaigns, f"campaign_logs: {len(logs)} for {campaigns} campaigns")
    for d in logs:
        for p in d["target_populations"]:
            check(len(p["messages"]) == 3, f"campaign {d['campaign_id']}: {len(p['messages'])} messages")
    services = docs["services"]
    check(len(services) >= 3, "fewer than 3 services")
    check(any(s["auth"].get("token_endpoint", {}).get("http_method") == "POST" for s in services), "no POST token endpoint")
    check(all(c.startswith("env:") for s in services for c in s["auth"]["credentials"]), "a credential is not an env reference")
    tools = {t["name"] for s in docs["mcp_servers"] for t in s["tools"]}
    check({"getContent", "generateCampaignContent"} <= tools, f"MCP tools {tools}")

    # The manifest's checksums are those of the files (bytes on disk).
    for name in COLLECTIONS:
        for f in manifest["tables"]["content." + name]["files"]:
            data = open(os.path.join(root, f["path"]), "rb").read()
            check(hashlib.sha256(data).hexdigest() == f["sha256"], f"{f['path']}: checksum")

    total = sum(len(v) for v in docs.values())
    if failures:
        for f in failures[:20]:
            print("FAIL:", f)
        print(f"{len(failures)} failures")
        return 1
    print(f"content dump OK: {total} documents in {len(COLLECTIONS)} collections decoded by pymongo "
          f"{bson.__name__} ({json_util.__name__}); JSONL == BSON byte for byte; cross-store with {len(ads)} ads")
    return 0


def corrupt(mode, root):
    path = os.path.join(root, "content", "mongo", "promptcontent", "images.bson")
    with open(path, "rb") as f:
        docs = list(bson.decode_file_iter(f))
    used = next(d for d in docs if d["campaign_ids"])
    if mode == "hashtag":
        used["hashtags"][-1] = "#NotInTheDescription"
    elif mode == "campaign_ids":
        used["campaign_ids"] = used["campaign_ids"][1:] if len(used["campaign_ids"]) > 1 else []
    else:
        raise SystemExit(f"unknown mode {mode}")
    data = b"".join(bson.encode(d) for d in docs)
    with open(path, "wb") as f:
        f.write(data)
    mpath = os.path.join(root, "manifest.json")
    manifest = json.load(open(mpath))
    for f in manifest["tables"]["content.images"]["files"]:
        if f["path"].endswith("images.bson"):
            f["sha256"] = hashlib.sha256(data).hexdigest()
            f["bytes"] = len(data)
    json.dump(manifest, open(mpath, "w"), indent=2)
    print(f"corrupted image {used['image_id']} ({mode})")


if __name__ == "__main__":
    if sys.argv[1] == "--corrupt":
        corrupt(sys.argv[2], sys.argv[3])
        sys.exit(0)
    sys.exit(main(sys.argv[1]))
