#!/usr/bin/env python3
"""Python vs Rust: generating tables into in-memory Arrow, no files.

Rust side: `core/examples/stream_tables.rs` (the same lazy `TableStream` the bindings export,
batches kept in a Vec). Python side: `pyarrow.table(promptsales.table(...))` for every table of
the same stores, i.e. the stream crossing the Arrow C interface into pyarrow (zero-copy), plus a
batch-by-batch variant that keeps nothing. Runs alternate (Rust, Python, Python streaming) to
share the machine's noise; the report has every run, min and median, the ratios and the machine.

    python benches/python_vs_rust.py --scale 1 --stores crm --repeat 5 [--out result.json]

Needs the `promptsales` module installed (scripts/test.d/50-python.sh installs it into
~/.cache/promptsales/venv-python) and builds the Rust example if missing.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa

import promptsales

ROOT = Path(__file__).resolve().parents[1]


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": mem,
        "os": platform.platform(),
        "python": platform.python_version(),
        "pyarrow": pa.__version__,
        "promptsales": promptsales.__version__,
    }


def rust_binary() -> Path:
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    binary = target / "release" / "examples" / "stream_tables"
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "promptsales-core",
                    "--example", "stream_tables"], cwd=ROOT, check=True)
    return binary


def run_rust(binary: Path, scale: float, seed: int, stores: str) -> tuple[float, int]:
    # Two runs in one process, the second recorded: a warm process (allocator, page faults),
    # as the Python process is.
    out = subprocess.run([str(binary), "--scale", str(scale), "--seed", str(seed),
                          "--stores", stores, "--repeat", "2"],
                         capture_output=True, text=True, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    return result["seconds"], result["rows"]


def run_python(scale: float, seed: int, stores: str) -> tuple[float, int]:
    started = time.perf_counter()
    tables = [pa.table(t) for t in promptsales.generate(scale=scale, seed=seed,
                                                        stores=stores).values()]
    seconds = time.perf_counter() - started
    rows = sum(t.num_rows for t in tables)
    del tables
    return seconds, rows


def run_python_streaming(scale: float, seed: int, stores: str) -> tuple[float, int]:
    started = time.perf_counter()
    rows = 0
    for t in promptsales.generate(scale=scale, seed=seed, stores=stores).values():
        for batch in t.to_reader():
            rows += batch.num_rows
    return time.perf_counter() - started, rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--stores", default="crm")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()

    load_at_start = os.getloadavg()
    binary = rust_binary()
    runs = {"rust": [], "python_pyarrow_table": [], "python_streaming": []}
    rows = {}
    # One warm-up of each (page cache, allocator), not recorded.
    run_rust(binary, args.scale, args.seed, args.stores)
    run_python(args.scale, args.seed, args.stores)
    for _ in range(args.repeat):
        for name, fn in (("rust", lambda: run_rust(binary, args.scale, args.seed, args.stores)),
                         ("python_pyarrow_table",
                          lambda: run_python(args.scale, args.seed, args.stores)),
                         ("python_streaming",
                          lambda: run_python_streaming(args.scale, args.seed, args.stores))):
            seconds, n = fn()
            runs[name].append(round(seconds, 4))
            rows.setdefault(name, n)
            if n != rows["rust" if "rust" in rows else name]:
                sys.exit(f"row counts differ: {name} {n} vs {rows}")
    summary = {k: {"min": min(v), "median": statistics.median(v), "runs": v}
               for k, v in runs.items()}
    report = {
        "command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]),
        "scale": args.scale, "seed": args.seed, "stores": args.stores, "rows": rows["rust"],
        "machine": machine(),
        "seconds": summary,
        "ratio_python_to_rust": {
            "median": round(summary["python_pyarrow_table"]["median"]
                            / summary["rust"]["median"], 3),
            "min": round(summary["python_pyarrow_table"]["min"] / summary["rust"]["min"], 3),
            "streaming_median": round(summary["python_streaming"]["median"]
                                      / summary["rust"]["median"], 3),
        },
    }
    report["machine"]["load_average_at_start"] = load_at_start
    report["machine"]["load_average_at_end"] = os.getloadavg()
    text = json.dumps(report, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n")


if __name__ == "__main__":
    main()
