#!/usr/bin/env bash
# boot-loop.sh N [HOG] (make boot-loop N=50 [HOG=2]): N consecutive boot + smoke + teardown cycles of the local
# environment, one Maven run each, as CI would boot it. Prints each cycle, then failures, boot retries and the boot-time
# p50/p95/max. HOG=k keeps k busy-looping shells running throughout (a loaded build agent). A failed cycle's console
# output and service logs are kept under target/boot-loop/failed-<i>/. Exit status 1 when any cycle failed.
set -u
n=${1:-50}; hog=${2:-0}
out=target/boot-loop; rm -rf "$out"; mkdir -p "$out"
mvn=${MVN:-mvn -B -ntp}
$mvn -q test-compile >"$out/build.log" 2>&1 || { cat "$out/build.log"; echo "boot-loop: the build failed"; exit 1; }
hogs=()
for _ in $(seq 1 "$hog"); do (while :; do :; done) & hogs+=($!); done
trap '[ ${#hogs[@]} -gt 0 ] && kill "${hogs[@]}" 2>/dev/null' EXIT
failed=0; retries=0; : >"$out/boot-ms.txt"
for i in $(seq 1 "$n"); do
  log="$out/cycle-$i.log"
  start=$(date +%s)
  $mvn test -Dsuite=suites/smoke.xml >"$log" 2>&1; rc=$?
  boot=$(sed -n 's/.*environment booted in \([0-9]*\) ms.*/\1/p' "$log" | head -1)
  r=$(grep -c '\[optiinfra-e2e\] boot retry:' "$log")
  retries=$((retries + r))
  [ -n "$boot" ] && echo "$boot" >>"$out/boot-ms.txt"
  if [ $rc -ne 0 ] || ! grep -q 'Tests run: [1-9][0-9]*, Failures: 0, Errors: 0, Skipped: 0$' "$log"; then
    failed=$((failed + 1))
    mkdir -p "$out/failed-$i"; cp "$log" "$out/failed-$i/"; cp -r target/e2e-env/logs "$out/failed-$i/" 2>/dev/null
    echo "cycle $i: FAILED (rc $rc, boot ${boot:-none} ms, retries $r; kept in $out/failed-$i)"
    grep -m3 -E 'did not start|boot retry|exited with' "$log" | sed 's/^/    /'
  else
    echo "cycle $i: ok, boot $boot ms, retries $r, cycle $(( $(date +%s) - start )) s"
  fi
done
sort -n "$out/boot-ms.txt" | awk -v n="$n" -v failed="$failed" -v retries="$retries" -v hog="$hog" '
  { v[NR] = $1 }
  END {
    if (NR == 0) { printf "boot-loop: %d cycles, %d failed, no boot time recorded\n", n, failed; exit }
    p50 = v[int((NR - 1) * 0.50) + 1]; p95 = v[int((NR - 1) * 0.95) + 1]
    printf "boot-loop: %d cycles (cpu hogs: %d), %d failed, %d boot retries; boot ms p50 %d, p95 %d, max %d\n", n, hog, failed, retries, p50, p95, v[NR]
  }' | tee "$out/summary.txt"
[ "$failed" -eq 0 ]
