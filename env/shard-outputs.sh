#!/usr/bin/env bash
# shard-outputs.sh <i>[/<n>] (make shard-outputs SHARD=i): after `make test-shard SHARD=i/n`, copies that shard's
# outputs into shards/<i>/ for Jenkins to archive (shards/<i>/**) and stash (extent-report/** and coverage/**):
#   target/extent-report/            -> shards/<i>/extent-report/   (index.html, extent.json, dashboard.json, assets)
#   target/e2e-env/logs/             -> shards/<i>/logs/
#   target/shard-durations.properties -> shards/<i>/
#   target/coverage/exec/*.exec      -> shards/<i>/coverage/        (local mode only)
# shards/<i>/ is emptied first, so a rerun never mixes two runs' outputs. A missing piece is named and skipped, never
# an error: a shard that failed early still hands over what it has, and the merge says what is missing.
set -u
spec="${1:-}"
i="${spec%%/*}"
if ! [[ "$i" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: make shard-outputs SHARD=<i> (or <i>/<n>), got '${spec}'" >&2
  exit 1
fi
out="shards/$i"
rm -rf "$out"
mkdir -p "$out/coverage"
copied=()
copy() { # <source> <destination>
  if [ -e "$1" ]; then cp -r "$1" "$2" && copied+=("$1"); else echo "shard-outputs: no $1 (skipped)"; fi
}
copy target/extent-report "$out/extent-report"
copy target/e2e-env/logs "$out/logs"
copy target/shard-durations.properties "$out/shard-durations.properties"
shopt -s nullglob
execs=(target/coverage/exec/*.exec)
if [ ${#execs[@]} -gt 0 ]; then
  cp "${execs[@]}" "$out/coverage/" && copied+=("${#execs[@]} exec file(s)")
else
  echo "shard-outputs: no target/coverage/exec/*.exec (skipped; coverage is measured in local mode only)"
fi
[ -f "$out/extent-report/dashboard.json" ] || echo "shard-outputs: no dashboard.json in target/extent-report"
echo "shard-outputs: $out <- ${copied[*]:-nothing}"
