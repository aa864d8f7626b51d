#!/usr/bin/env bash
# compose-env.sh [official|local]: prints a fresh .env for docker-compose.e2e.yml — generated secrets (the compose
# file has none: it requires these variables) and, for `local`, the offline images `make images` builds.
# The same OPTIINFRA_* variables are what -Denv=external reads for pg.password, service.token, agent.token and
# admin.password, so `set -a; . ./.env; set +a` before mvn hands them to the suite.
set -eu
hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }
cat <<VARS
OPTIINFRA_PG_PASSWORD=$(hex 12)
OPTIINFRA_JWT_SECRET=$(hex 32)
OPTIINFRA_SERVICE_TOKEN=$(hex 24)
OPTIINFRA_AGENT_TOKEN=$(hex 24)
OPTIINFRA_ADMIN_PASSWORD=$(hex 12)
VARS
if [ "${1:-official}" = local ]; then
  cat <<VARS
OPTIINFRA_POSTGRES_IMAGE=optiinfra/postgres:15
OPTIINFRA_CLICKHOUSE_IMAGE=optiinfra/clickhouse:18.16
OPTIINFRA_REDIS_IMAGE=optiinfra/redis:7.0
VARS
fi
# containers and network named optiinfra-e2e_<service>_1, whatever the checkout's directory is called
echo "COMPOSE_PROJECT_NAME=optiinfra-e2e"
