package io.optiinfra.e2e.support.data;

import java.util.List;
import org.testng.annotations.DataProvider;

/**
 * DataProviders over {@code testdata/}; use with {@code dataProviderClass = DataProviders.class}. Every provider
 * propagates its failure as a test failure (a testdata file that does not parse is red, not skipped), and an empty
 * provider throws: "no rows" would otherwise run nothing and pass.
 */
public final class DataProviders {

    public static final String CUSTOMER_PROFILES = "customerProfiles";
    public static final String SPOT_ELIGIBLE_FLEETS = "spotEligibleFleets";
    public static final String ALL_FLEETS = "allFleets";
    public static final String ROLLBACK_CASES = "rollbackCases";
    public static final String CROSS_CLOUD_DIRECTIONS = "crossCloudDirections";
    public static final String CONFLICT_CASES = "conflictCases";
    public static final String CUSTOMERS_FILE = "customers.json";

    private DataProviders() {
    }

    /** One row per customer profile; parallel because every test signs up its own customer. */
    @DataProvider(name = CUSTOMER_PROFILES, parallel = true, propagateFailureAsTestFailure = true)
    public static Object[][] customerProfiles() {
        return rows(CUSTOMERS_FILE, TestData.readList(CUSTOMERS_FILE, CustomerProfile.class));
    }

    /** Every fleet with an interruption-tolerant deployment: what spot migration applies to. */
    @DataProvider(name = SPOT_ELIGIBLE_FLEETS, parallel = true, propagateFailureAsTestFailure = true)
    public static Object[][] spotEligibleFleets() {
        return rows("fleets with an interruption-tolerant deployment", spotEligible());
    }

    @DataProvider(name = ALL_FLEETS, parallel = true, propagateFailureAsTestFailure = true)
    public static Object[][] allFleets() {
        return rows(Fleet.DIR, Fleet.all());
    }

    @DataProvider(name = ROLLBACK_CASES, parallel = true, propagateFailureAsTestFailure = true)
    public static Object[][] rollbackCases() {
        return rows("rollback.json cases", Scenarios.read("rollback.json", Scenarios.Rollback.class).cases());
    }

    @DataProvider(name = CROSS_CLOUD_DIRECTIONS, parallel = true, propagateFailureAsTestFailure = true)
    public static Object[][] crossCloudDirections() {
        return rows("cross-cloud.json directions",
                Scenarios.read("cross-cloud.json", Scenarios.CrossCloud.class).directions());
    }

    @DataProvider(name = CONFLICT_CASES, parallel = true, propagateFailureAsTestFailure = true)
    public static Object[][] conflictCases() {
        return rows("conflicts.json cases", Scenarios.read("conflicts.json", Scenarios.Conflicts.class).cases());
    }

    public static List<Fleet> spotEligible() {
        return Fleet.all().stream()
                .filter(f -> f.deployments().stream().anyMatch(Fleet.DeploymentSpec::interruptionTolerant)).toList();
    }

    /** Each item as a one-column row; no items is an error that names the source. */
    public static Object[][] rows(String source, List<?> items) {
        if (items.isEmpty()) {
            throw new IllegalStateException("no rows from " + source + ": an empty data provider would pass vacuously");
        }
        return items.stream().map(item -> new Object[] {item}).toArray(Object[][]::new);
    }
}
