#!/usr/bin/env python3
"""Render a Parley HTML report in headless Chromium and check that it draws.

Usage: render.py REPORT.html [--chromium PATH] [--screenshot OUT.png] [--width 1200] [--height 2400]

Checks, each counted as passed or failed:
  static   the file is UTF-8 HTML with a doctype and a lang; it is self-contained (no scripts,
           links, src= or url() references, no http(s) URLs but SVG's namespace name); every
           <svg> is well-formed XML with role="img", a <title> and a <desc>, and no NaN or
           infinity in its attributes;
  render   Chromium loads the untouched page with no console message at error level, no
           uncaught exception and no network request (name resolution is disabled);
  draw     in a copy of the page with a measuring script appended, every <svg> has a non-zero
           on-screen size, child shapes, and a non-empty bounding box of what it draws.
The last line is "N passed, M failed"; the exit status is 1 if any check failed.
Standard library only.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SVG_NS = "{http://www.w3.org/2000/svg}"
SHAPES = ("path", "rect", "circle", "line", "polyline", "polygon", "ellipse", "text")

# Collects errors from the moment the page starts parsing: uncaught exceptions, failed
# resource loads (capture phase) and console.error calls.
ERROR_PROBE = """<script>window.__renderCheckErrors = [];
window.addEventListener('error', function (e) {
  var target = e.target && e.target !== window ? (e.target.outerHTML || '').slice(0, 120) : '';
  window.__renderCheckErrors.push('error: ' + (e.message || 'failed to load ' + target));
}, true);
(function () { var original = console.error; console.error = function () {
  window.__renderCheckErrors.push('console.error: ' + Array.prototype.join.call(arguments, ' '));
  return original.apply(console, arguments); }; })();
</script>"""

# Measures every SVG once the page has laid out and writes the result into the DOM, where
# --dump-dom shows it.
MEASURE_PROBE = """<script>(function () {
  var charts = [];
  document.querySelectorAll('svg').forEach(function (svg, index) {
    var box = svg.getBoundingClientRect();
    var drawn = { width: 0, height: 0 };
    try { var b = svg.getBBox(); drawn = { width: b.width, height: b.height }; } catch (e) {}
    var title = svg.querySelector(':scope > title');
    charts.push({ index: index, id: svg.id, width: box.width, height: box.height,
                  shapes: svg.querySelectorAll('%s').length, drawnWidth: drawn.width, drawnHeight: drawn.height,
                  title: title ? title.textContent : '' });
  });
  var out = document.createElement('pre');
  out.id = 'render-check-result';
  out.textContent = JSON.stringify({ charts: charts, errors: window.__renderCheckErrors || [] });
  document.body.appendChild(out);
})();</script>""" % ",".join(SHAPES)


class Tally:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, condition, name, detail=""):
        if condition:
            self.passed += 1
            print("ok     " + name)
        else:
            self.failed += 1
            print("FAIL   " + name + (": " + detail if detail else ""))
        return condition


def find_chromium(explicit):
    for candidate in [explicit, os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome",
                      "google-chrome-stable"]:
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)
    return None


def chromium_command(chromium, profile, width, height):
    return [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--host-resolver-rules=MAP * ~NOTFOUND", "--user-data-dir=" + profile,
            "--window-size=%d,%d" % (width, height), "--hide-scrollbars", "--virtual-time-budget=10000"]


def static_checks(tally, html):
    tally.check(re.match(r"\s*<!doctype html>", html, re.I) is not None, "starts with <!doctype html>")
    tally.check(re.search(r"<html[^>]*\slang=\"[^\"]+\"", html) is not None, "<html> has a lang")
    tally.check(re.search(r"<meta charset=\"utf-8\">", html, re.I) is not None, "declares UTF-8")
    external = [pattern for pattern in (r"<script", r"<link\b", r"\ssrc=", r"url\(", r"@import", r"https://")
                if re.search(pattern, html, re.I)]
    without_namespace = html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    if "http://" in without_namespace:
        external.append("http://")
    tally.check(not external, "self-contained (no scripts, links or URLs)", ", ".join(external))
    svgs = re.findall(r"<svg\s.*?</svg>", html, re.S)
    tally.check(len(svgs) > 0, "has charts", "no <svg> found")
    for index, svg in enumerate(svgs):
        label = "svg %d" % index
        try:
            root = ET.fromstring(svg)
        except ET.ParseError as error:
            tally.check(False, label + " is well-formed XML", str(error))
            continue
        label = "svg %d (%s)" % (index, root.get("id", "no id"))
        title = root.find(SVG_NS + "title")
        desc = root.find(SVG_NS + "desc")
        tally.check(root.get("role") == "img" and title is not None and (title.text or "").strip() and desc is not None
                    and (desc.text or "").strip(), label + " is XML with role=img, <title> and <desc>")
        bad = [(element.tag.replace(SVG_NS, ""), name, value) for element in root.iter()
               for name, value in element.attrib.items() if re.search(r"\b(nan|inf|infinity)\b", value, re.I)
               and name not in ("data-fan", "data-arm", "data-factor", "class")]
        tally.check(not bad, label + " has no NaN or infinity in its attributes", repr(bad[:3]))
    return len(svgs)


def render_checks(tally, chromium, report, width, height):
    profile = tempfile.mkdtemp(prefix="parley-render-")
    try:
        command = chromium_command(chromium, profile, width, height) + ["--enable-logging=stderr", "--v=0", "--dump-dom",
                                                                       "file://" + os.path.abspath(report)]
        run = subprocess.run(command, capture_output=True, text=True, timeout=180)
        tally.check(run.returncode == 0 and "</html>" in run.stdout, "Chromium loads the page",
                    "exit %d: %s" % (run.returncode, run.stderr.strip()[-400:]))
        console = [line for line in run.stderr.splitlines() if "CONSOLE" in line]
        errors = [line for line in console if ":ERROR:" in line or "Uncaught" in line or "Failed to load" in line
                  or "net::ERR_" in line]
        errors += [line for line in run.stderr.splitlines() if "net::ERR_" in line and line not in errors]
        tally.check(not errors, "no console errors or failed requests", " | ".join(errors[:5]))
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def draw_checks(tally, chromium, html, expected, width, height):
    workdir = tempfile.mkdtemp(prefix="parley-probe-")
    try:
        probed = html.replace("<head>", "<head>\n" + ERROR_PROBE, 1).replace("</body>", MEASURE_PROBE + "\n</body>", 1)
        page = os.path.join(workdir, "probed.html")
        with open(page, "w", encoding="utf-8") as handle:
            handle.write(probed)
        profile = os.path.join(workdir, "profile")
        command = chromium_command(chromium, profile, width, height) + ["--dump-dom", "file://" + page]
        run = subprocess.run(command, capture_output=True, text=True, timeout=180)
        match = re.search(r'<pre id="render-check-result">(.*?)</pre>', run.stdout, re.S)
        if not tally.check(match is not None, "the measuring script ran", run.stderr.strip()[-400:]):
            return
        text = match.group(1).replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        result = json.loads(text)
        tally.check(not result["errors"], "no errors reported inside the page", " | ".join(result["errors"][:5]))
        charts = result["charts"]
        tally.check(len(charts) == expected, "Chromium sees every chart", "%d of %d" % (len(charts), expected))
        for chart in charts:
            label = "svg %d (%s)" % (chart["index"], chart["id"] or "no id")
            tally.check(chart["width"] > 0 and chart["height"] > 0, label + " has a size on screen",
                        "%.0f x %.0f" % (chart["width"], chart["height"]))
            tally.check(chart["shapes"] > 0 and chart["drawnWidth"] > 0 and chart["drawnHeight"] > 0,
                        label + " draws shapes", "%d shapes, drawn box %.0f x %.0f"
                        % (chart["shapes"], chart["drawnWidth"], chart["drawnHeight"]))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def screenshot(chromium, report, output, width, height):
    profile = tempfile.mkdtemp(prefix="parley-shot-")
    try:
        command = chromium_command(chromium, profile, width, height) + ["--screenshot=" + os.path.abspath(output),
                                                                       "file://" + os.path.abspath(report)]
        subprocess.run(command, capture_output=True, text=True, timeout=180, check=True)
        print("screenshot: %s (%d bytes)" % (output, os.path.getsize(output)), file=sys.stderr)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description="Render a Parley HTML report in headless Chromium and check that it draws.")
    parser.add_argument("report")
    parser.add_argument("--chromium", help="the Chromium binary (default: chromium on the PATH, or $CHROMIUM)")
    parser.add_argument("--screenshot", help="also save a screenshot of the top of the page here")
    parser.add_argument("--width", type=int, default=1200)
    parser.add_argument("--height", type=int, default=2400)
    options = parser.parse_args()

    tally = Tally()
    try:
        with open(options.report, encoding="utf-8") as handle:
            html = handle.read()
    except (OSError, UnicodeDecodeError) as error:
        tally.check(False, "the report is a readable UTF-8 file", str(error))
        print("%d passed, %d failed" % (tally.passed, tally.failed))
        return 1
    expected = static_checks(tally, html)
    chromium = find_chromium(options.chromium)
    if tally.check(chromium is not None, "Chromium is installed", "install it: apt-get install -y chromium"):
        render_checks(tally, chromium, options.report, options.width, options.height)
        draw_checks(tally, chromium, html, expected, options.width, options.height)
        if options.screenshot:
            screenshot(chromium, options.report, options.screenshot, options.width, options.height)
    print("%d passed, %d failed" % (tally.passed, tally.failed))
    return 1 if tally.failed else 0


if __name__ == "__main__":
    sys.exit(main())
