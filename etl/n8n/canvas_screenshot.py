#!/usr/bin/env python3
"""Screenshot of the ETL workflow on the n8n editor canvas (docs/etl.md), in headless Chromium
driven over the DevTools pipe (scripts/lib/report_browser.py's Browser; stdlib only).

usage: canvas_screenshot.py BASE_URL WORKFLOW_ID AUTH_COOKIE_VALUE OUT.png [--width 1600 --height 900]
The caller starts n8n on 127.0.0.1, creates its owner through the REST API and passes the
`n8n-auth` cookie value (a session for this throwaway instance, never stored). The page is
loaded, the canvas is given time to lay out, then "zoom to fit" (n8n's `1` shortcut) is pressed.
Exit 1 when the canvas shows fewer nodes than the workflow has.
"""
import argparse
import base64
import importlib.util
import json
import pathlib
import shutil
import sys
import tempfile
import time
from urllib.parse import urlparse

HERE = pathlib.Path(__file__).resolve()
spec = importlib.util.spec_from_file_location("report_browser", HERE.parents[2] / "scripts/lib/report_browser.py")
report_browser = importlib.util.module_from_spec(spec)
spec.loader.exec_module(report_browser)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("base")
    ap.add_argument("workflow")
    ap.add_argument("cookie")
    ap.add_argument("out")
    ap.add_argument("--width", type=int, default=1600)
    ap.add_argument("--height", type=int, default=860)
    ap.add_argument("--nodes", type=int, default=0, help="nodes the canvas must show")
    a = ap.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("chromium not found", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as profile:
        b = report_browser.Browser(chromium, profile)
        try:
            target = b.send("Target.createTarget", {"url": "about:blank"})["targetId"]
            s = b.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            b.send("Emulation.setDeviceMetricsOverride",
                   {"width": a.width, "height": a.height, "deviceScaleFactor": 1, "mobile": False}, session=s)
            b.send("Network.enable", session=s)
            host = urlparse(a.base).hostname
            b.send("Network.setCookie", {"name": "n8n-auth", "value": a.cookie, "domain": host, "path": "/",
                                         "httpOnly": True}, session=s)
            b.send("Page.enable", session=s)
            b.send("Page.navigate", {"url": f"{a.base}/workflow/{a.workflow}"}, session=s)
            count = 0
            deadline = time.time() + 60
            while time.time() < deadline:
                b.drain(1.0)
                r = b.send("Runtime.evaluate", {"expression": "document.querySelectorAll('[data-test-id=\"canvas-node\"]').length",
                                               "returnByValue": True}, session=s)
                count = r.get("result", {}).get("value", 0) or 0
                if count and count >= a.nodes:
                    break
            # Zoom to fit, close any toast/panel, let the animation settle.
            for key, code in (("Escape", "Escape"), ("1", "Digit1")):
                for kind in ("keyDown", "keyUp"):
                    b.send("Input.dispatchKeyEvent", {"type": kind, "key": key, "code": code,
                                                      "text": key if kind == "keyDown" and len(key) == 1 else ""}, session=s)
                b.drain(0.8)
            b.drain(2.0)
            shot = b.send("Page.captureScreenshot", {"format": "png"}, session=s)
            pathlib.Path(a.out).write_bytes(base64.b64decode(shot["data"]))
            print(json.dumps({"canvas_nodes": count, "png_bytes": pathlib.Path(a.out).stat().st_size}))
            if count < max(a.nodes, 1):
                print(f"canvas shows {count} nodes, expected {a.nodes}", file=sys.stderr)
                return 1
            return 0
        finally:
            b.close()


if __name__ == "__main__":
    sys.exit(main())
