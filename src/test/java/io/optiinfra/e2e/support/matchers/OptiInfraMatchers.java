package io.optiinfra.e2e.support.matchers;

import io.optiinfra.e2e.support.api.Optimization;
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

    /** An optimization: status completed, result.success true, every execution step completed. */
    public static Matcher<Optimization> optimizationSuccessful() {
        return new OptimizationSuccessfulMatcher();
    }

    /** An optimization: status rolled_back, original state restored, rollback duration recorded. */
    public static Matcher<Optimization> rolledBackCleanly() {
        return new RolledBackCleanlyMatcher();
    }
}
