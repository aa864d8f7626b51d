#!/usr/bin/env bash
# dashboard-screenshot.sh <report index.html> <out.png> [width,height]: a PNG of an Extent report's dashboard view in
# headless Chromium (how docs/extent-dashboard.png is made). The report opens on its test list and has no URL for
# the dashboard, so a copy of it next to it (same relative assets) opens on the dashboard instead.
set -eu
report="$1"; png="$2"; size="${3:-1400,2200}"
copy="$(dirname "$report")/.dashboard-screenshot.html"
trap 'rm -f "$copy"' EXIT
# Two scripts in the copy. Before the report's script: its charts animate, and the capture does not wait for that,
# so catch Chart.js as it defines itself and turn animation off. After it: a ready handler registered after the
# report's own (which shows the test view only) shows the dashboard instead, before anything is drawn.
still='Object.defineProperty(window, "Chart", { configurable: true, set: function (c) { c.defaults.global.animation.duration = 0;
  Object.defineProperty(window, "Chart", { value: c, writable: true, configurable: true }); } });'
dashboard='$(document).ready(function () { $(".main-content > .view").addClass("d-none");
  $(".dashboard-view").removeClass("d-none"); currentView = "dashboard-view"; });'
sed -e "s#<script src=\"spark/spark-script.js\">#<script>$(echo $still)</script>&#" \
    -e "s#</body>#<script>$(echo $dashboard)</script></body>#" "$report" > "$copy"
/usr/bin/chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --virtual-time-budget=3000 \
  --window-size="$size" --screenshot="$png" "file://$(realpath "$copy")" 2>"${SCREENSHOT_LOG:-/dev/null}"
echo "dashboard of $report -> $png"
