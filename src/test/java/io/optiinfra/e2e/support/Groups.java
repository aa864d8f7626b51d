package io.optiinfra.e2e.support;

/** TestNG group names, in one place so suites, tests and dependsOnGroups agree. */
public final class Groups {
    public static final String SMOKE = "smoke";
    public static final String E2E = "e2e";
    public static final String INTEGRATION = "integration";
    public static final String SECURITY = "security";
    public static final String PERFORMANCE = "performance";
    /** disruptive: restarts platform processes; runs alone, after everything else (its own <test> in the suites) */
    public static final String RESILIENCE = "resilience";
    /** races: parallel approvals, claims, resolutions, logins (issue 7) */
    public static final String CONCURRENCY = "concurrency";
    /** faults injected mid-flight, each followed by the invariant checker; disruptive, runs alone (issue 8) */
    public static final String CHAOS = "chaos";
    /** the customer portal in a real browser (issue 9) */
    public static final String PORTAL = "portal";
    /**
     * floods the platform on purpose (thousands of events in seconds): all.xml runs it in a <test> of its own, so its
     * load neither skews nor is skewed by the parallel block's timing-sensitive tests
     */
    public static final String FLOOD = "flood";
    /** quick checks (no long waits): what `make test-fast` runs */
    public static final String FAST = "fast";

    private Groups() {}
}
