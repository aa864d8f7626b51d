package io.optiinfra.e2e.support.matchers;

import java.util.Map;
import org.hamcrest.Matcher;

/** Domain matchers for the OptiInfra suite; each explains a mismatch in the platform's own terms. */
public final class OptiInfraMatchers {

    private OptiInfraMatchers() {
    }

    /** New cost is at least {@code percent}% below {@code baselineCost}. */
    public static Matcher<Number> costReducedByAtLeast(double percent, double baselineCost) {
        return new CostReducedMatcher(percent, baselineCost);
    }

    /** Quality is at least {@code minRatio} (e.g. 0.95) of {@code baselineQuality}. */
    public static Matcher<Number> qualityMaintained(double baselineQuality, double minRatio) {
        return new QualityMaintainedMatcher(baselineQuality, minRatio);
    }

    /** A parsed optimization: status completed, result.success true, every execution step completed. */
    public static Matcher<Map<String, ?>> optimizationSuccessful() {
        return new OptimizationSuccessfulMatcher();
    }

    /** A parsed optimization: status rolled_back, original state restored, rollback duration recorded. */
    public static Matcher<Map<String, ?>> rolledBackCleanly() {
        return new RolledBackCleanlyMatcher();
    }
}
