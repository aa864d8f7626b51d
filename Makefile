# OptiInfra E2E — see README.md. Every target that runs tests depends on `setup`.
MVN ?= mvn -B -ntp
APT_PACKAGES := clickhouse-server redis-server chromium chromium-driver
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
GROOVY_LINT_DIR := .ci/groovy-lint
GROOVY_LINT_STAMP := $(GROOVY_LINT_DIR)/node_modules/.installed

.PHONY: setup lint-pipeline boot-loop test-one rerun-failed scenario e2e test test-unit test-e2e test-integration test-security test-performance test-resilience test-chaos test-portal test-concurrency test-fast coverage-gate clean

## setup: install what this machine lacks (idempotent: installs nothing when all is present)
setup: $(GROOVY_LINT_STAMP)
	@missing=""; \
	for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "setup: installing$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	else echo "setup: $(APT_PACKAGES) already installed"; fi

## npm-groovy-lint for lint-pipeline, the whole tree pinned by .ci/groovy-lint/package-lock.json and installed there
## with npm ci (node_modules git-ignored); again only when the lockfile changes. 15.2.2 needs Node.js >= 20: without
## it setup says so and goes on (the suites do not need it), and lint-pipeline fails.
$(GROOVY_LINT_STAMP): $(GROOVY_LINT_DIR)/package-lock.json
	@major=$$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0); \
	if [ "$$major" -ge 20 ] && command -v npm >/dev/null; then \
	  echo "setup: installing npm-groovy-lint into $(GROOVY_LINT_DIR)"; \
	  npm ci --prefix $(GROOVY_LINT_DIR) --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "setup: no Node.js >= 20 with npm here, so no npm-groovy-lint (make lint-pipeline needs it)"; fi

## lint-pipeline: npm-groovy-lint (CodeNarc) on the Jenkinsfile, rules in .groovylintrc.json; fails on errors only.
## --noserver: the default keeps a CodeNarc JVM running in the background after the lint ends.
lint-pipeline: $(GROOVY_LINT_STAMP)
	@test -f $(GROOVY_LINT_STAMP) || { echo "lint-pipeline: npm-groovy-lint is not installed (needs Node.js >= 20)"; exit 1; }
	$(GROOVY_LINT_DIR)/node_modules/.bin/npm-groovy-lint --noserver --failon error Jenkinsfile

## e2e: the end-to-end scenarios on the embedded local environment
e2e: setup
	$(MVN) test -Dsuite=suites/e2e.xml

## test: everything — the platform's unit tests, then every suite group in one environment boot
## The pipeline lint needs Node.js >= 20 (the CI machines have 20; Debian 12's own is 18): where setup could not
## install it, make test says so loudly and goes on; JenkinsfileTest (a unit test) checks the pipeline either way.
test: setup
	@if [ -f $(GROOVY_LINT_STAMP) ]; then $(MAKE) --no-print-directory lint-pipeline; \
	else echo "test: PIPELINE LINT NOT RUN: no Node.js >= 20 here, so no npm-groovy-lint (make lint-pipeline)"; fi
	$(MVN) test
	$(MVN) test -Dsuite=suites/all.xml
	@$(MAKE) --no-print-directory coverage-gate

## coverage-gate: fails when a platform component's line coverage under the last local suite run is below its
## acceptable goal (testdata/coverage-gates.json); below target only warns. Report: target/coverage/html/index.html
coverage-gate:
	@test -f target/coverage/gates.txt || { echo "coverage-gate: no target/coverage/gates.txt (run a suite in local mode first)"; exit 1; }
	@sed 's/^/coverage: /' target/coverage/gates.txt
	@! grep -q '^FAIL' target/coverage/gates.txt || { echo "coverage-gate: line coverage below the acceptable goal (testdata/coverage-gates.json)"; exit 1; }

test-unit:
	$(MVN) test

# ----- one test at a time (README: "Run one test") -----
## test-one: one suite class or method, with the smoke gate, report and progress lines; ENV=up reuses `make up`
##   make test-one TEST=RollbackScenarioIT[#method] [ENV=up] [ROW=<regex>] [FOCUS=<regex>] [SKIP=<regex>]
FILTER_ARGS = $(if $(ROW),-Drow='$(ROW)') $(if $(FOCUS),-Dfocus='$(FOCUS)') $(if $(SKIP),-Dskip='$(SKIP)') \
  $(if $(filter up,$(ENV)),-Denv=up)
test-one: setup
	@test -n "$(TEST)" || { echo "test-one: say which, e.g. make test-one TEST=RollbackScenarioIT[#method]"; exit 2; }
	$(MVN) test -Dtest='$(TEST)' -Dsurefire.failIfNoSpecifiedTests=false $(FILTER_ARGS)

## rerun-failed: the last suite run's failed and skipped tests (target/e2e-failed.xml, rows by number), with the gate
rerun-failed: setup
	@test -f target/e2e-failed.xml || { echo "rerun-failed: no target/e2e-failed.xml: the last suite run had no failed or skipped test"; exit 2; }
	$(MVN) test -Dsuite=target/e2e-failed.xml -Dcoverage=false $(FILTER_ARGS)

## scenario: SPEC §7 scenario N by number (its class from testdata/report-areas.json), e.g. make scenario N=6
scenario: setup
	@test -n "$(N)" || { echo "scenario: say which, e.g. make scenario N=6 (SPEC §7 scenarios 1-8)"; exit 2; }
	@class=$$(sed -n 's/^ *"\([A-Za-z0-9]*IT\)": "SPEC §7 Scenario $(N):.*/\1/p' testdata/report-areas.json); \
	test -n "$$class" || { echo "scenario: no class for SPEC §7 Scenario $(N) in testdata/report-areas.json"; exit 2; }; \
	echo "scenario $(N): $$class"; \
	$(MVN) test -Dtest="$$class" -Dsurefire.failIfNoSpecifiedTests=false $(FILTER_ARGS)

test-e2e: e2e

test-integration: setup
	$(MVN) test -Dsuite=suites/integration.xml

test-security: setup
	$(MVN) test -Dsuite=suites/security.xml

test-performance: setup
	$(MVN) test -Dsuite=suites/performance.xml

test-resilience: setup
	$(MVN) test -Dsuite=suites/resilience.xml

test-chaos: setup
	$(MVN) test -Dsuite=suites/chaos.xml

## test-portal: the portal suite in local browsers; GRID=1 runs it on the Grid of `make grid` instead (starting it
## when none is up, and stopping the one it started)
test-portal: setup
ifeq ($(GRID),1)
	@started=0; \
	if ! env/grid/grid.sh ready; then $(GRID_SH) up || exit 1; started=1; fi; \
	if [ $$started = 1 ]; then trap 'env/grid/grid.sh down' EXIT; trap 'exit 130' INT TERM; fi; \
	$(MVN) test -Dsuite=suites/portal.xml -Dselenium.grid=$(GRID_LOCAL_URL)
else
	$(MVN) test -Dsuite=suites/portal.xml
endif

test-fast: setup
	$(MVN) test -Dsuite=suites/fast.xml

test-concurrency: setup
	$(MVN) test -Dsuite=suites/concurrency.xml

## grid / grid-down: a Selenium Grid 4 on this machine (hub + one node of Debian's chromium and chromedriver,
## env/grid/*.toml) at $(GRID_LOCAL_URL), for -Dselenium.grid; jars, logs and pids in target/grid/. Both idempotent.
GRID_LOCAL_URL := http://127.0.0.1:14444
pom_property = $(shell sed -n 's:.*<$(1)>\(.*\)</$(1)>.*:\1:p' pom.xml)
GRID_VERSION ?= $(call pom_property,selenium-grid.version)
.PHONY: grid grid-down
GRID_SH = MVN="$(MVN)" GRID_VERSION=$(GRID_VERSION) DEP_PLUGIN_VERSION=$(call pom_property,dependency-plugin.version) env/grid/grid.sh
grid: setup
	@$(GRID_SH) up

grid-down:
	@env/grid/grid.sh down

## boot-loop: N boot + smoke + teardown cycles (not part of make test); HOG=k adds k busy CPU loops. Prints failures,
## boot retries and boot-time p50/p95/max; a failed cycle's output and logs stay in target/boot-loop/failed-<i>/
HOG ?= 0
boot-loop: setup
	MVN="$(MVN)" env/boot-loop.sh $(or $(N),50) $(HOG)

clean: grid-down
	$(MVN) -q clean

# ----- docker mode, compose, long-running environment (README: "Environments") -----
.PHONY: docker-setup images test-docker compose-up compose-down test-compose up down
DOCKER_IMAGES ?= local
COMPOSE := docker-compose -f docker-compose.e2e.yml

## docker-setup: Debian's Docker engine, docker-compose 1.29 and debootstrap (for the offline base image), if missing
docker-setup:
	@missing=""; for p in docker.io docker-compose debootstrap; do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; fi

## images: the platform image from this build, plus (DOCKER_IMAGES=local, default) the stores from Debian packages
images:
	$(MVN) -q compile dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=target/platform-libs
	docker/images.sh $(DOCKER_IMAGES)

## test-docker: smoke + e2e, resilience and chaos (suites/docker.xml) with -Denv=docker (starts dockerd when none runs, and stops what it started)
test-docker: docker-setup
	docker/with-engine.sh $(MAKE) --no-print-directory docker-suites

.PHONY: docker-suites
DOCKER_SUITE ?= suites/docker.xml
docker-suites: images
	@run=$(or $(DOCKER_RUN),$$(date +%s)); rc=0; \
	$(MVN) test -Dsuite=$(DOCKER_SUITE) $(if $(SHARD),-Dshard=$(SHARD)) -Denv=docker -Ddocker.images=$(DOCKER_IMAGES) -Doptiinfra.docker.run=$$run $(SHARD_ARGS) || rc=$$?; \
	left=$$(docker ps -aq --filter label=optiinfra.e2e.run=$$run); \
	if [ -n "$$left" ]; then echo "removing leftover containers of run $$run"; docker rm -f $$left >/dev/null; fi; \
	exit $$rc

## compose-up / compose-down: docker-compose.e2e.yml on the seed's ports; secrets generated into .env (git-ignored)
compose-up: docker-setup images
	@[ -f .env ] || docker/compose-env.sh $(DOCKER_IMAGES) > .env
	$(COMPOSE) up -d
	docker/compose-wait.sh

compose-down:
	$(COMPOSE) down -v

## test-compose: the e2e suite against the compose topology (-Denv=external, env/compose.properties)
test-compose:
	set -a && . ./.env && set +a && $(MVN) test -Dsuite=suites/e2e.xml -Denv=external -Denv.file=env/compose.properties

## up / down: the local environment as background processes, settings in env/local.properties
up: setup
	$(MVN) -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
	@env/up.sh

down:
	@env/down.sh

## merge-reports: one Extent report from several runs' JSON archives (the Jenkins shards), into target/merged-report
.PHONY: merge-reports
REPORTS ?= $(wildcard shards/*/extent-report/extent.json)
merge-reports:
	$(MVN) -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
	java -cp "target/test-classes:target/classes:$$(cat target/test-classpath.txt)" io.optiinfra.e2e.support.report.MergeReports target/merged-report $(REPORTS)

## shard-outputs: one shard's outputs into shards/<i>/ for Jenkins to archive and stash (SHARD=i or i/n): its
## extent-report/ (with dashboard.json), logs/, shard-durations.properties and coverage/*.exec (env/shard-outputs.sh)
.PHONY: shard-outputs
shard-outputs:
	@env/shard-outputs.sh "$(SHARD)"

## merge-coverage: one JaCoCo report and gate verdict from the shards' execution data (EXECS=..., default
## shards/*/coverage/*.exec) into target/coverage/html/ and target/coverage/gates.txt, the gates of coverage-gate;
## fails (exit 2) when a component is below acceptable, and when there is no execution data to merge
.PHONY: merge-coverage
EXECS ?= $(wildcard shards/*/coverage/*.exec)
merge-coverage:
	$(MVN) -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
	java -cp "target/test-classes:target/classes:$$(cat target/test-classpath.txt)" io.optiinfra.e2e.support.coverage.MergeCoverage $(EXECS)

## test-shard: one slice of a suite, as each parallel Jenkins stage runs it:
##   make test-shard SHARD=2/3 [SUITE=suites/all.xml] [ENV=local|docker] [GRID_URL=<selenium grid>]
##     [DURATIONS=<shard-durations.properties>] [DOCKER_RUN=<docker run id: container names, cleanup label>]
.PHONY: test-shard
SUITE ?= suites/all.xml
ENV ?= local
SHARD_ARGS = $(if $(GRID_URL),-Dselenium.grid=$(GRID_URL)) $(if $(DURATIONS),-Dshard.durations=$(DURATIONS))
test-shard: setup
	@if [ "$(ENV)" = docker ]; then $(MAKE) --no-print-directory docker-setup && \
	  docker/with-engine.sh $(MAKE) --no-print-directory docker-suites DOCKER_SUITE=$(SUITE) SHARD=$(SHARD); \
	else $(MVN) test -Dsuite=$(SUITE) -Dshard=$(SHARD) -Denv=$(ENV) $(SHARD_ARGS); fi
