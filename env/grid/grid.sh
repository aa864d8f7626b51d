#!/usr/bin/env bash
# grid.sh up|down|ready (make grid / make grid-down): a Selenium Grid 4 on this machine for -Dselenium.grid — a hub
# (hub.toml) and one node (node.toml) of Debian's chromium + chromedriver, each a JVM in its own session (setsid) so
# that `down` stops exactly them and the browsers they started. Jars, logs and pid files in target/grid/.
#   up     starts what is not running, waits until /status says ready, prints the URL (idempotent)
#   down   stops what `up` started (pid files; idempotent)
#   ready  exit 0 when a Grid answers ready at the URL (started here or not)
# GRID_VERSION: org.seleniumhq.selenium:selenium-grid version (the Makefile passes the pom's selenium-grid.version);
# DEP_PLUGIN_VERSION: maven-dependency-plugin (the pom's dependency-plugin.version); MVN: the Maven command.
set -u
dir=target/grid
host=127.0.0.1; port=14444   # as in hub.toml (ports below 20000: the local environment reserves 20000 and up)
url="http://$host:$port"
# the Grid's JVMs mostly wait: C1 only and the serial collector cost a 2-core machine least (as the suite's own JVM)
jvm_flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx384m)

# /status without curl (not on a fresh Debian): bash's /dev/tcp is enough for one HTTP/1.1 GET
status() {
  timeout 5 bash -c "exec 3<>/dev/tcp/$host/$port && printf 'GET /status HTTP/1.1\r\nHost: $host\r\nConnection: close\r\n\r\n' >&3 && cat <&3" 2>/dev/null
}
ready() { status | grep -q '"ready": *true'; }
alive() { [ -f "$dir/$1.pid" ] && kill -0 "$(cat "$dir/$1.pid")" 2>/dev/null; }

stop() {  # stop one component by its pid file: its whole session (the node's chromedrivers and browsers too)
  local name=$1 pidfile=$dir/$1.pid pid
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then echo "grid $name (pid $pid) ignored SIGTERM for 20 s; killing its process group"; kill -KILL -- "-$pid"; fi
    echo "grid $name stopped (pid $pid)"
  fi
  rm -f "$pidfile"
}

classpath() {  # the Grid's jars into target/grid/lib (selenium-grid on Central is a thin jar: it needs its dependencies)
  local version=${GRID_VERSION:?GRID_VERSION not set (make grid passes selenium-grid.version of the pom)}
  [ "$(cat "$dir/lib.version" 2>/dev/null)" = "$version" ] && return 0
  rm -rf "$dir/lib"
  echo "grid: fetching selenium-grid $version and its dependencies into $dir/lib"
  ${MVN:-mvn -B -ntp} -q -f env/grid/pom.xml \
    "org.apache.maven.plugins:maven-dependency-plugin:${DEP_PLUGIN_VERSION:?DEP_PLUGIN_VERSION not set}:copy-dependencies" \
    -Dselenium-grid.version="$version" -DincludeScope=runtime -DoutputDirectory="$PWD/$dir/lib" || return 1
  echo "$version" >"$dir/lib.version"
}

start() {  # start <component>: java ... org.openqa.selenium.grid.Main <component> --config env/grid/<component>.toml
  local name=$1
  setsid java "${jvm_flags[@]}" -cp "$dir/lib/*" org.openqa.selenium.grid.Main "$name" --config "env/grid/$name.toml" \
    >"$dir/$name.log" 2>&1 </dev/null &
  echo $! >"$dir/$name.pid"
}

up() {
  mkdir -p "$dir"
  if ready && ! alive hub; then
    echo "grid ready: $url  (a Selenium Grid not started by make grid; make grid-down leaves it alone)"; return 0
  fi
  classpath || { echo "grid: could not fetch the Grid's jars"; return 1; }
  alive hub || start hub
  for _ in $(seq 1 60); do status >/dev/null && break; alive hub || break; sleep 1; done
  alive node || start node
  for _ in $(seq 1 180); do
    if ready; then
      echo "grid ready: $url  (hub pid $(cat "$dir/hub.pid"), node pid $(cat "$dir/node.pid"); logs in $dir/)"
      echo "run the portal tests on it:  mvn test -Dsuite=suites/portal.xml -Dselenium.grid=$url"
      return 0
    fi
    for c in hub node; do
      alive "$c" || { echo "grid $c exited:"; tail -n 30 "$dir/$c.log"; stop node; stop hub; return 1; }
    done
    sleep 1
  done
  echo "grid not ready after 180 s:"; tail -n 20 "$dir/hub.log" "$dir/node.log"; stop node; stop hub; return 1
}

case "${1:-}" in
  up) up ;;
  down) if alive hub || alive node || [ -f "$dir/hub.pid" ] || [ -f "$dir/node.pid" ]; then stop node; stop hub; else echo "grid not up (no pid files in $dir)"; fi ;;
  ready) ready ;;
  *) echo "usage: $0 up|down|ready"; exit 2 ;;
esac
