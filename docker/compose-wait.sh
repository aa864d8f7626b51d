#!/usr/bin/env bash
# compose-wait.sh: waits until every container of docker-compose.e2e.yml reports healthy (each service has a health
# check), or fails after 240 s naming the ones that are not, with their last log lines.
set -u
compose="docker-compose -f docker-compose.e2e.yml"
for _ in $(seq 1 120); do
  ids=$($compose ps -q)
  [ -n "$ids" ] || { echo "compose-wait: no containers"; exit 2; }
  pending=$(docker inspect --format '{{.Name}} {{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' $ids | grep -v ' healthy$' || true)
  [ -z "$pending" ] && { echo "compose-wait: all $(echo "$ids" | wc -l) containers healthy"; exit 0; }
  sleep 2
done
echo "compose-wait: not healthy after 240 s:"; echo "$pending"
for name in $(echo "$pending" | awk '{print $1}'); do echo "--- ${name#/}"; docker logs --tail 20 "${name#/}" 2>&1; done
exit 1
