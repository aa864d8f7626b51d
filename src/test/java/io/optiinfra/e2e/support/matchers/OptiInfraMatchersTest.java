package io.optiinfra.e2e.support.matchers;

import io.optiinfra.e2e.support.api.Api;
import io.optiinfra.e2e.support.api.Optimization;
import io.optiinfra.e2e.support.data.TestData;
import org.hamcrest.Matcher;
import org.hamcrest.StringDescription;
import org.testng.annotations.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.optiinfra.e2e.support.matchers.OptiInfraMatchers.costReducedByAtLeast;
import static io.optiinfra.e2e.support.matchers.OptiInfraMatchers.optimizationSuccessful;
import static io.optiinfra.e2e.support.matchers.OptiInfraMatchers.qualityMaintained;
import static io.optiinfra.e2e.support.matchers.OptiInfraMatchers.rolledBackCleanly;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

public class OptiInfraMatchersTest {

    // ---- costReducedByAtLeast ----

    @Test
    public void costReductionAboveThresholdMatches() {
        assertThat(550.0, costReducedByAtLeast(40, 1000));
        assertThat(12_000, costReducedByAtLeast(40, 25_000));
    }

    @Test
    public void costReductionExactlyAtThresholdMatches() {
        assertTrue(costReducedByAtLeast(40, 100).matches(60));
        // 0.1-based figures are not exact in binary; 40% of 1000.1 must still count as 40%.
        assertTrue(costReducedByAtLeast(40, 1000.1).matches(1000.1 * 0.6));
    }

    @Test
    public void costReductionBelowThresholdExplainsActualReduction() {
        Matcher<Number> matcher = costReducedByAtLeast(40, 1000);
        assertFalse(matcher.matches(700));
        assertEquals(mismatch(matcher, 700), "cost was 700, a reduction of only 30% from the baseline 1000");
        assertEquals(StringDescription.toString(matcher), "a cost at least 40% below the baseline 1000 (<= 600)");
    }

    @Test
    public void costIncreaseShowsNegativeReduction() {
        assertThat(mismatch(costReducedByAtLeast(10, 100), 110), containsString("a reduction of only -10% from the baseline 100"));
    }

    @Test
    public void zeroBaselineCostNeverMatchesAndSaysWhy() {
        Matcher<Number> matcher = costReducedByAtLeast(40, 0);
        assertFalse(matcher.matches(0));
        assertEquals(mismatch(matcher, 0), "baseline cost was 0.0: a reduction needs a positive baseline");
    }

    @Test
    public void nullOrNaNCostDoesNotMatch() {
        assertFalse(costReducedByAtLeast(40, 1000).matches(null));
        assertFalse(costReducedByAtLeast(40, 1000).matches(Double.NaN));
        assertEquals(mismatch(costReducedByAtLeast(40, 1000), Double.NaN), "cost was NaN");
    }

    // ---- qualityMaintained ----

    @Test
    public void qualityAboveMinimumRatioMatches() {
        assertThat(0.91, qualityMaintained(0.92, 0.95));
        assertThat(0.95, qualityMaintained(0.92, 0.95));
    }

    @Test
    public void qualityExactlyAtMinimumRatioMatches() {
        assertTrue(qualityMaintained(0.9, 0.95).matches(0.9 * 0.95));
        assertTrue(qualityMaintained(100, 0.95).matches(95));
    }

    @Test
    public void qualityBelowMinimumRatioExplainsRatio() {
        Matcher<Number> matcher = qualityMaintained(0.90, 0.95);
        assertFalse(matcher.matches(0.80));
        assertEquals(mismatch(matcher, 0.80), "quality was 0.8, only 88.89% of the baseline 0.9");
        assertEquals(StringDescription.toString(matcher),
                "a quality of at least 95% of the baseline 0.9 (>= 0.855)");
    }

    @Test
    public void zeroBaselineQualityNeverMatchesAndSaysWhy() {
        Matcher<Number> matcher = qualityMaintained(0, 0.95);
        assertFalse(matcher.matches(0.9));
        assertEquals(mismatch(matcher, 0.9), "baseline quality was 0.0: a ratio needs a positive baseline");
    }

    // ---- optimizationSuccessful ----

    @Test
    public void completedOptimizationMatches() {
        assertThat(optimization(completedOptimization()), optimizationSuccessful());
    }

    @Test
    public void failedStatusIsReportedWithTheError() {
        Map<String, Object> optimization = completedOptimization();
        optimization.put("status", "failed");
        result(optimization).put("success", false);
        result(optimization).put("error", "validate_canary: p95 1900 ms over SLO");
        assertThat(optimization(optimization), not(optimizationSuccessful()));
        assertEquals(mismatch(optimizationSuccessful(), optimization),
                "status was \"failed\" (result.error: \"validate_canary: p95 1900 ms over SLO\")");
    }

    @Test
    public void unsuccessfulResultIsReported() {
        Map<String, Object> optimization = completedOptimization();
        result(optimization).put("success", false);
        assertEquals(mismatch(optimizationSuccessful(), optimization), "result.success was false");
    }

    @Test
    public void firstIncompleteStepIsNamed() {
        Map<String, Object> optimization = completedOptimization();
        steps(optimization).get(3).put("status", "failed");
        steps(optimization).get(4).put("status", "pending");
        assertEquals(mismatch(optimizationSuccessful(), optimization),
                "execution_steps[3] \"scale_to_50_percent\" had status \"failed\"");
    }

    @Test
    public void missingFieldsAreNamed() {
        Map<String, Object> noStatus = completedOptimization();
        noStatus.remove("status");
        assertEquals(mismatch(optimizationSuccessful(), noStatus), "status was missing");

        Map<String, Object> noResult = completedOptimization();
        noResult.remove("result");
        assertEquals(mismatch(optimizationSuccessful(), noResult), "result was missing");

        Map<String, Object> noSuccess = completedOptimization();
        result(noSuccess).remove("success");
        assertEquals(mismatch(optimizationSuccessful(), noSuccess), "result.success was missing");

        Map<String, Object> noSteps = completedOptimization();
        noSteps.remove("execution_steps");
        assertEquals(mismatch(optimizationSuccessful(), noSteps), "execution_steps was missing");

        Map<String, Object> stepWithoutStatus = completedOptimization();
        steps(stepWithoutStatus).get(0).remove("status");
        assertEquals(mismatch(optimizationSuccessful(), stepWithoutStatus),
                "execution_steps[0] \"create_spot_instances\" had status missing");
    }

    @Test
    public void emptyStepsDoNotCountAsSuccess() {
        Map<String, Object> optimization = completedOptimization();
        optimization.put("execution_steps", List.of());
        assertEquals(mismatch(optimizationSuccessful(), optimization), "execution_steps was empty");
    }

    @Test
    public void describesExpectation() {
        assertThat(StringDescription.toString(optimizationSuccessful()), containsString("status \"completed\""));
        assertThat(StringDescription.toString(rolledBackCleanly()), containsString("status \"rolled_back\""));
    }

    // ---- rolledBackCleanly ----

    @Test
    public void cleanRollbackMatches() {
        assertThat(optimization(rolledBack(true, 4_200)), rolledBackCleanly());
        assertThat(optimization(rolledBack(true, 0)), rolledBackCleanly());
        assertThat(optimization(rolledBack(true, 1234.5)), rolledBackCleanly());
    }

    @Test
    public void completedOptimizationIsNotARollback() {
        assertEquals(mismatch(rolledBackCleanly(), completedOptimization()), "status was \"completed\"");
    }

    @Test
    public void unrestoredStateIsReported() {
        assertThat(optimization(rolledBack(false, 10)), not(rolledBackCleanly()));
        assertEquals(mismatch(rolledBackCleanly(), rolledBack(false, 10)),
                "rollback.original_state_restored was false");
    }

    @Test
    public void negativeOrMissingDurationIsReported() {
        assertEquals(mismatch(rolledBackCleanly(), rolledBack(true, -1)),
                "rollback.duration_ms was -1, expected a number >= 0");
        Map<String, Object> noDuration = rolledBack(true, 5);
        rollback(noDuration).remove("duration_ms");
        assertEquals(mismatch(rolledBackCleanly(), noDuration),
                "rollback.duration_ms was missing, expected a number >= 0");
        Map<String, Object> textDuration = rolledBack(true, 5);
        rollback(textDuration).put("duration_ms", "5");
        // a textual duration is no number: reading the answer into the record already fails
        AssertionError text = expectThrows(AssertionError.class, () -> optimization(textDuration));
        assertThat(text.getMessage(), containsString("not a Optimization"));
    }

    @Test
    public void missingRollbackObjectIsReported() {
        Map<String, Object> optimization = rolledBack(true, 5);
        optimization.remove("rollback");
        assertEquals(mismatch(rolledBackCleanly(), optimization), "rollback was missing");
        optimization.put("rollback", null);
        assertEquals(mismatch(rolledBackCleanly(), optimization), "rollback was missing");
    }

    @Test
    public void failedAssertionCarriesTheMismatch() {
        AssertionError error = expectThrows(AssertionError.class,
                () -> assertThat("cost after spot migration", 700.0, costReducedByAtLeast(40, 1000)));
        assertThat(error.getMessage(), containsString("but: cost was 700, a reduction of only 30%"));
    }

    // ---- helpers ----

    private static <T> String mismatch(Matcher<? super T> matcher, T item) {
        StringDescription description = new StringDescription();
        matcher.describeMismatch(item, description);
        return description.toString();
    }

    /** The matchers take records: the map goes through JSON into an {@link Optimization}, as an answer would. */
    private static String mismatch(Matcher<Optimization> matcher, Map<String, Object> item) {
        return mismatch(matcher, optimization(item));
    }

    private static Optimization optimization(Map<String, Object> json) {
        try {
            return Api.parse(TestData.mapper().writeValueAsString(json), Optimization.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> completedOptimization() {
        List<Map<String, Object>> steps = new ArrayList<>();
        for (String name : List.of("create_spot_instances", "deploy_canary", "validate_canary", "scale_to_50_percent",
                "validate_50_percent", "full_migration", "terminate_ondemand")) {
            steps.add(new HashMap<>(Map.of("name", name, "status", "completed")));
        }
        Map<String, Object> result = new HashMap<>();
        result.put("success", true);
        result.put("error", null);
        result.put("actual_savings", 14_250.0);
        Map<String, Object> optimization = new LinkedHashMap<>();
        optimization.put("id", "opt-1");
        optimization.put("status", "completed");
        optimization.put("progress", 100);
        optimization.put("execution_steps", steps);
        optimization.put("result", result);
        return optimization;
    }

    private static Map<String, Object> rolledBack(boolean restored, Number durationMs) {
        Map<String, Object> optimization = completedOptimization();
        optimization.put("status", "rolled_back");
        result(optimization).put("success", false);
        Map<String, Object> rollback = new HashMap<>();
        rollback.put("original_state_restored", restored);
        rollback.put("duration_ms", durationMs);
        optimization.put("rollback", rollback);
        return optimization;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> result(Map<String, Object> optimization) {
        return (Map<String, Object>) optimization.get("result");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rollback(Map<String, Object> optimization) {
        return (Map<String, Object>) optimization.get("rollback");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> steps(Map<String, Object> optimization) {
        return (List<Map<String, Object>>) optimization.get("execution_steps");
    }
}
