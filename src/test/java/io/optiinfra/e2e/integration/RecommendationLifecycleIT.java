package io.optiinfra.e2e.integration;

import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Api;
import io.optiinfra.e2e.support.api.ApiError;
import io.optiinfra.e2e.support.api.Approval;
import io.optiinfra.e2e.support.api.Recommendation;
import io.optiinfra.e2e.support.api.SimilarOutcome;
import io.optiinfra.e2e.support.fixtures.Onboarding;
import io.optiinfra.e2e.support.fixtures.Optimizations;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.report.TestReport;
import io.restassured.response.Response;
import org.testng.annotations.Test;

import java.util.List;
import java.util.UUID;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

/** Approval rules of the lifecycle, and the learning loop feeding the confidence of later recommendations. */
@Test(groups = Groups.INTEGRATION, dependsOnGroups = Groups.SMOKE)
public class RecommendationLifecycleIT extends SuiteBase {

    public void rejectedOrAlreadyApprovedRecommendationsCannotBeApprovedAndTenantsAreEnforced() {
        TestCustomer owner = newCustomer("Lifecycle Owner");
        TestCustomer stranger = newCustomer("Lifecycle Stranger");
        Onboarding.onboardFleet(api(), cloud(), owner, "aws-small");
        Onboarding.analyzeAndWait(owner, "resource", Optimizations.RECOMMENDATION_TIMEOUT);
        Recommendation idle = Optimizations.awaitValidatedRecommendation(owner, "idle_resource_cleanup");
        String id = idle.id();

        TestReport.step("Assert: another tenant can neither approve nor reject; unknown ids are 404");
        assertThat(stranger.client().approve(id).statusCode(), equalTo(403));
        assertThat(stranger.client().reject(id).statusCode(), equalTo(403));
        assertThat(owner.client().approve(UUID.randomUUID().toString()).statusCode(), equalTo(404));

        TestReport.step("Act: reject, then try to approve");
        Response rejected = owner.client().reject(id);
        assertThat(rejected.statusCode(), equalTo(200));
        assertThat(Api.read(rejected, Approval.class).status(), equalTo("rejected"));
        Response approveRejected = owner.client().approve(id);
        assertThat(approveRejected.statusCode(), equalTo(409));
        assertThat(Api.body(approveRejected, ApiError.class).error(), equalTo("conflict"));

        TestReport.step("Prove in stores: rejected, no optimization started");
        assertThat(db().postgres("SELECT status FROM recommendations WHERE id = ?::uuid", id).get(0).get("status"),
                equalTo("rejected"));
        assertThat(db().postgres("SELECT id FROM optimizations WHERE ?::uuid = ANY (recommendation_ids)", id).size(),
                equalTo(0));
    }

    /** The ceiling of a recommendation's confidence (LearningService keeps it within 0.05..0.99). */
    private static final double MAX_CONFIDENCE = 0.99;

    /** {@code details.learning} as shown in a failure message (what the platform counted). */
    private static Object learning(Recommendation recommendation) {
        return recommendation.details() == null ? null : recommendation.details().get("learning");
    }

    public void completedOptimizationsMoveTheConfidenceOfSimilarRecommendations() {
        TestReport.step("Arrange: a first customer completes an idle-resource cleanup");
        TestCustomer first = newCustomer("Learning First");
        Onboarding.onboardFleet(api(), cloud(), first, "aws-small");
        Onboarding.analyzeAndWait(first, "resource", Optimizations.RECOMMENDATION_TIMEOUT);
        Recommendation firstRec = Optimizations.awaitValidatedRecommendation(first, "idle_resource_cleanup");
        String optimizationId = Optimizations.approve(first, firstRec);
        assertThat(Optimizations.awaitEnd(first, optimizationId).status(), equalTo("completed"));
        assertThat(db().postgres("SELECT success FROM optimization_outcomes WHERE optimization_id = ?::uuid",
                optimizationId).get(0).get("success"), equalTo(true));

        TestReport.step("Act: a second customer with the same fleet gets the same kind of recommendation");
        TestCustomer second = newCustomer("Learning Second");
        Onboarding.onboardFleet(api(), cloud(), second, "aws-small");
        Onboarding.analyzeAndWait(second, "resource", Optimizations.RECOMMENDATION_TIMEOUT);
        Recommendation rec = Optimizations.awaitValidatedRecommendation(second, "idle_resource_cleanup");

        TestReport.step("Assert: the second customer's confidence is above the first one's (measured from outside)");
        double firstConfidence = firstRec.confidence();
        double secondConfidence = rec.confidence();
        TestReport.metric("first customer's confidence", firstConfidence, "");
        TestReport.metric("second customer's confidence", secondConfidence, "");
        assertThat("same fleet, same kind: same estimated_savings", rec.estimatedSavings(),
                closeTo(firstRec.estimatedSavings(), 0.01));
        // The learning store is shared by every customer of the platform: other tests' successes of the same kind
        // count too, and a confidence never exceeds MAX_CONFIDENCE (LearningService: kept within 0.05..0.99). So the
        // second rises above the first unless the first was already at the ceiling, where the second must stay too.
        assertThat("the second customer's " + rec.type() + " confidence vs the first's (before its success); "
                + "the platform counted " + learning(rec) + " for the second, " + learning(firstRec) + " for the first",
                secondConfidence, firstConfidence < MAX_CONFIDENCE ? greaterThan(firstConfidence)
                        : closeTo(MAX_CONFIDENCE, 1e-9));
        List<SimilarOutcome> similar = Api.list(second.client().similarOutcomes(rec.id()), SimilarOutcome.class);
        assertThat("similar past successes", similar.stream().filter(s -> Boolean.TRUE.equals(s.success())
                && s.similarity() != null && s.similarity() >= 0.95).toList(), not(hasSize(0)));
        assertThat("the first customer's pattern in the learning store", db().postgres("SELECT success FROM "
                + "learning_patterns WHERE optimization_id = ?::uuid", optimizationId), hasSize(1));
    }
}
