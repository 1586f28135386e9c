#!/usr/bin/env python3
"""Open a `promptsales report` HTML file in headless Chromium and check it, through the DevTools
protocol over --remote-debugging-pipe (Python stdlib only: no websocket client, no port).

Checks: no console errors, no uncaught exceptions, no log errors (CSP violations, failed loads),
no network request other than the file itself, every expected chart section present with
data-points > 0 and a drawn SVG; writes a full-page PNG screenshot.

usage: report_browser.py REPORT.html --charts id1,id2,... --screenshot OUT.png
                         [--scale 1.0] [--width 1100] [--min-png-bytes N] [--max-png-bytes N]
Exit 0 when every check holds, 1 otherwise (the failures are printed).
"""

import argparse
import base64
import fcntl
import json
import os
import pathlib
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import time

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--remote-debugging-pipe",
]


class Browser:
    def __init__(self, chromium, user_data_dir):
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()
        # Chromium reads commands on fd 3 and writes answers on fd 4. Move the child's ends
        # above 10 first so the dup2 onto 3 and 4 cannot clobber them; every other fd Python
        # opens is close-on-exec, so Chromium inherits exactly these two.
        hi_r = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD_CLOEXEC, 10)
        hi_w = fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD_CLOEXEC, 10)

        def child():
            os.dup2(hi_r, 3)
            os.dup2(hi_w, 4)

        self.proc = subprocess.Popen(
            [chromium, *FLAGS, f"--user-data-dir={user_data_dir}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=child,
            close_fds=False,
        )
        for fd in (to_chrome_r, from_chrome_w, hi_r, hi_w):
            os.close(fd)
        self.buf = b""
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None, timeout=30):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.to_chrome, json.dumps(msg).encode() + b"\0")
        want = self.next_id
        deadline = time.time() + timeout
        while True:
            m = self.read(deadline)
            if m.get("id") == want:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                return m.get("result", {})
            self.events.append(m)

    def read(self, deadline):
        while b"\0" not in self.buf:
            left = deadline - time.time()
            if left <= 0:
                raise TimeoutError("no answer from Chromium")
            ready, _, _ = select.select([self.from_chrome], [], [], left)
            if ready:
                chunk = os.read(self.from_chrome, 1 << 20)
                if not chunk:
                    raise RuntimeError("Chromium closed the DevTools pipe")
                self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def wait_event(self, method, timeout=30):
        for i, e in enumerate(self.events):
            if e.get("method") == method:
                return self.events.pop(i)
        deadline = time.time() + timeout
        while True:
            m = self.read(deadline)
            if m.get("method") == method:
                return m
            self.events.append(m)

    def drain(self, seconds):
        deadline = time.time() + seconds
        try:
            while True:
                self.events.append(self.read(deadline))
        except TimeoutError:
            pass

    def close(self):
        try:
            self.send("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


CHARTS_JS = """JSON.stringify(Array.from(document.querySelectorAll('section.chart, section.summary')).map(s => {
  const svg = s.querySelector('svg');
  return {id: s.id, points: Number(s.dataset.points || 0),
          marks: svg ? svg.querySelectorAll('rect,circle,path,polyline,polygon,line,text').length : 0,
          width: svg ? svg.getBoundingClientRect().width : 0,
          rows: s.querySelectorAll('tr').length};
}))"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("report")
    ap.add_argument("--charts", required=True)
    ap.add_argument("--screenshot", required=True)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--width", type=int, default=1100)
    ap.add_argument("--max-height", type=int, default=0, help="clip the screenshot to this many CSS px (0: whole page)")
    ap.add_argument("--min-png-bytes", type=int, default=20_000)
    ap.add_argument("--max-png-bytes", type=int, default=20_000_000)
    ap.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    args = ap.parse_args()

    url = pathlib.Path(args.report).resolve().as_uri()
    failures = []
    profile = tempfile.mkdtemp(prefix="promptsales-chromium-")
    b = Browser(args.chromium, profile)
    try:
        target = b.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = b.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            b.send(f"{domain}.enable", session=session)
        b.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": args.width, "height": 900, "deviceScaleFactor": 1, "mobile": False},
            session=session,
        )
        started = time.time()
        b.send("Page.navigate", {"url": url}, session=session)
        b.wait_event("Page.loadEventFired", timeout=60)
        load_s = time.time() - started
        b.drain(1.0)  # late console messages and requests

        charts = json.loads(
            b.send("Runtime.evaluate", {"expression": CHARTS_JS, "returnByValue": True}, session=session)[
                "result"
            ]["value"]
        )
        height = b.send(
            "Runtime.evaluate",
            {"expression": "document.documentElement.scrollHeight", "returnByValue": True},
            session=session,
        )["result"]["value"]
        shot = b.send(
            "Page.captureScreenshot",
            {
                "format": "png",
                "captureBeyondViewport": True,
                "clip": {
                    "x": 0,
                    "y": 0,
                    "width": args.width,
                    "height": min(height, args.max_height) if args.max_height else height,
                    "scale": args.scale,
                },
            },
            session=session,
            timeout=120,
        )
        png = base64.b64decode(shot["data"])
        b.drain(0.2)
    finally:
        b.close()
        shutil.rmtree(profile, ignore_errors=True)

    # Console errors, exceptions, log errors (CSP violations and failed loads land here).
    for e in b.events:
        m, p = e.get("method"), e.get("params", {})
        if m == "Runtime.exceptionThrown":
            failures.append(f"uncaught exception: {p.get('exceptionDetails', {}).get('text')}")
        elif m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert", "warning"):
            failures.append(f"console {p.get('type')}: {[a.get('value') for a in p.get('args', [])]}")
        elif m == "Log.entryAdded" and p.get("entry", {}).get("level") in ("error", "warning"):
            failures.append(f"log {p['entry'].get('source')}: {p['entry'].get('text')}")
        elif m == "Network.requestWillBeSent":
            req = p.get("request", {}).get("url", "")
            if req != url:
                failures.append(f"network request: {req}")
        elif m == "Network.loadingFailed":
            failures.append(f"load failed: {p.get('errorText')}")
    requests = [e for e in b.events if e.get("method") == "Network.requestWillBeSent"]
    print(f"report_browser: loaded {url} in {load_s:.2f} s; {len(requests)} request(s) (the file itself only is allowed)")

    by_id = {c["id"]: c for c in charts}
    for cid in args.charts.split(","):
        c = by_id.get(cid)
        if c is None:
            failures.append(f"chart {cid}: missing")
        elif c["points"] <= 0:
            failures.append(f"chart {cid}: no data (data-points={c['points']})")
        elif cid != "verify" and (c["marks"] < 10 or c["width"] < 200):
            failures.append(f"chart {cid}: SVG not drawn ({c['marks']} marks, {c['width']:.0f} px wide)")
        elif cid == "verify" and c["rows"] < 2:
            failures.append("verify summary: no rows")
        else:
            print(f"  ok {cid}: {c['points']} data points, {c['marks']} SVG marks, {c['width']:.0f} px wide")

    out = pathlib.Path(args.screenshot)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(png)
    w, h = struct.unpack(">II", png[16:24]) if png[:8] == b"\x89PNG\r\n\x1a\n" else (0, 0)
    print(f"  screenshot {out}: {len(png)} bytes, {w}×{h} px")
    if not (args.min_png_bytes <= len(png) <= args.max_png_bytes) or w == 0:
        failures.append(
            f"screenshot size {len(png)} bytes outside [{args.min_png_bytes}, {args.max_png_bytes}] or not a PNG"
        )

    for f in failures:
        print(f"  FAIL {f}")
    print(f"report_browser: {'FAILED' if failures else 'ok'} ({len(failures)} problem(s))")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
