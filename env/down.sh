#!/usr/bin/env bash
# down.sh (make down): stops exactly the environment `make up` started (its pid file), which tears down its stores
# and platform processes and removes env/local.properties.
set -u
pidfile=target/e2e-up/up.pid
[ -f "$pidfile" ] || { echo "not up (no $pidfile)"; exit 0; }
pid=$(cat "$pidfile")
if kill -0 "$pid" 2>/dev/null; then
  kill -TERM "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  # still alive: kill its whole process group (make up started it with setsid, so the group is exactly its processes)
  if kill -0 "$pid" 2>/dev/null; then echo "pid $pid ignored SIGTERM for 30 s; killing its process group"; kill -KILL -- "-$pid"; fi
  echo "down (pid $pid stopped)"
else
  echo "pid $pid was not running"
fi
rm -f "$pidfile" env/local.properties
