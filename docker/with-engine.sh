#!/usr/bin/env bash
# with-engine.sh CMD...: runs CMD with a Docker engine. When none answers, starts `dockerd --iptables=false` (no NAT
# on these machines: containers are reached through published ports on 127.0.0.1), and stops exactly that daemon
# when CMD ends. An engine that was already running is used and left alone.
set -u
started=""
if ! docker info >/dev/null 2>&1; then
  command -v dockerd >/dev/null || { echo "no dockerd: apt-get install docker.io (make docker-setup)"; exit 2; }
  mkdir -p target
  echo "with-engine: no Docker engine answers; starting dockerd (log: target/dockerd.log)"
  dockerd --iptables=false >target/dockerd.log 2>&1 &
  started=$!
  trap 'kill "$started" 2>/dev/null; wait "$started" 2>/dev/null; echo "with-engine: stopped the dockerd it started (pid $started)"' EXIT
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || { echo "dockerd did not come up, see target/dockerd.log"; exit 2; }
fi
"$@"
