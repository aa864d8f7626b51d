#!/usr/bin/env bash
# images.sh official|local: builds the images -Denv=docker and docker-compose.e2e.yml run.
#   always:  optiinfra/platform:dev  (target/classes + runtime jars, on eclipse-temurin:17-jre or optiinfra/jre:17)
#   local:   optiinfra/debian:bookworm (debootstrap, once), optiinfra/jre:17, optiinfra/postgres:15,
#            optiinfra/redis:7.0, optiinfra/clickhouse:18.16 — from Debian packages, for machines without a registry
# Expects `mvn compile dependency:copy-dependencies` to have filled target/classes and target/platform-libs.
set -eu
mode=${1:-local}
base=${BASE_IMAGE:-optiinfra/debian:bookworm}
build() { # build IMAGE DIR [args...]: docker's layer cache makes a rebuild of an unchanged image take seconds
  local image=$1 dir=$2; shift 2
  local t0=$(date +%s)
  docker build --network host -q -t "$image" "$@" "$dir" >/dev/null
  echo "images: $image ($(( $(date +%s) - t0 )) s)"
}
case "$mode" in
  local)
    docker image inspect "$base" >/dev/null 2>&1 || "$(dirname "$0")/base/build.sh" "$base"
    build optiinfra/jre:17 docker/jre --build-arg BASE_IMAGE="$base"
    build optiinfra/postgres:15 docker/postgres --build-arg BASE_IMAGE="$base"
    build optiinfra/redis:7.0 docker/redis --build-arg BASE_IMAGE="$base"
    build optiinfra/clickhouse:18.16 docker/clickhouse --build-arg BASE_IMAGE="$base"
    jre=optiinfra/jre:17 ;;
  official) jre=eclipse-temurin:17-jre ;;
  *) echo "usage: images.sh official|local"; exit 2 ;;
esac
[ -d target/classes ] && [ -d target/platform-libs ] || { echo "run mvn compile dependency:copy-dependencies first"; exit 2; }
build optiinfra/platform:dev . -f docker/platform/Dockerfile --build-arg JRE_IMAGE="$jre"
