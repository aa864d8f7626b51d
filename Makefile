# OptiInfra E2E — see README.md. Every target that runs tests depends on `setup`.
MVN ?= mvn -B -ntp
APT_PACKAGES := clickhouse-server redis-server chromium chromium-driver
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup e2e test test-unit test-e2e test-integration test-security test-performance test-resilience test-chaos test-fast coverage-gate test-portal clean

## setup: install what this machine lacks (idempotent: installs nothing when all is present)
setup:
	@missing=""; \
	for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "setup: installing$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	else echo "setup: $(APT_PACKAGES) already installed"; fi

## e2e: the end-to-end scenarios on the embedded local environment
e2e: setup
	$(MVN) test -Dsuite=suites/e2e.xml

## test: everything — the platform's unit tests, then every suite group in one environment boot
test: setup
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

test-e2e: e2e

test-integration: setup
	$(MVN) test -Dsuite=suites/integration.xml

test-security: setup
	$(MVN) test -Dsuite=suites/security.xml

test-performance: setup
	$(MVN) test -Dsuite=suites/performance.xml

test-resilience: setup
	$(MVN) test -Dsuite=suites/resilience.xml

test-portal: setup
	$(MVN) test -Dsuite=suites/portal.xml

test-chaos: setup
	$(MVN) test -Dsuite=suites/chaos.xml

test-fast: setup
	$(MVN) test -Dsuite=suites/fast.xml

clean:
	$(MVN) -q clean
