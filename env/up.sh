#!/usr/bin/env bash
# up.sh (make up): starts the local environment in the background (LongRunningEnvironment, one JVM that owns the
# stores and platform processes), waits until it has written env/local.properties, and prints its URLs.
# The environment outlives this script and any Maven run; `make down` stops it (pid in target/e2e-up/up.pid).
set -u
dir=target/e2e-up; pidfile=$dir/up.pid; props=env/local.properties
if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  echo "already up (pid $(cat "$pidfile")); settings in $props; make down to stop"; exit 0
fi
mkdir -p "$dir"; rm -f "$props"
cp="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
# absolute paths: the platform JVMs run in their own work directories
setsid java -cp "$cp" -Doptiinfra.projectDir="$PWD" -Doptiinfra.platformClasses="$PWD/target/classes" \
  -Doptiinfra.platformClasspath="$PWD/target/platform-classpath.txt" \
  io.optiinfra.e2e.support.env.LongRunningEnvironment "$dir" "$props" >"$dir/up.log" 2>&1 </dev/null &
pid=$!
echo "$pid" >"$pidfile"
for _ in $(seq 1 300); do
  if [ -f "$props" ] && grep -q "settings " "$dir/up.log"; then
    sed -n '/\[optiinfra-up\]/,$p' "$dir/up.log"
    echo "run one test against it: make test-one TEST=Class[#method] ENV=up   (any suite: mvn test -Dsuite=... -Denv=up)"
    echo "stop it:                 make down"
    exit 0
  fi
  kill -0 "$pid" 2>/dev/null || { echo "the environment did not start:"; tail -n 40 "$dir/up.log"; rm -f "$pidfile"; exit 1; }
  sleep 1
done
echo "not up after 300 s (log: $dir/up.log); stopping it"; kill "$pid"; rm -f "$pidfile"; exit 1
