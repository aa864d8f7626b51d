package io.optiinfra.orchestrator.recommendations;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.common.ApiException;
import io.optiinfra.common.Json;
import org.testng.annotations.Test;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.testng.Assert.assertThrows;

/** The approval rule, written once against the type, and the SPEC §5 JSON shape the record serialises to. */
public class RecommendationTest {
    private static final Timestamp NOW = new Timestamp(1_700_000_000_000L);

    private static Recommendation rec(String agentType, String status, Validation... validations) {
        return new Recommendation(UUID.randomUUID(), UUID.randomUUID(), agentType, "spot_migration", "t", status, "low",
                100.0, Map.of(), 0.8, List.of("dep"), Map.of("deployment_id", "dep"), NOW, NOW, List.of(validations));
    }

    private static Validation performance(boolean approved) {
        return new Validation("performance", approved, approved ? "p95 within SLO" : "p95 exceeds SLO", null, 500.0, NOW);
    }

    private static Validation application(Boolean baseline) {
        return new Validation("application", true, "baseline", baseline, null, NOW);
    }

    @Test
    public void costRecommendationNeedsBothValidations() {
        assertThat(rec("cost", "pending").whyNotApprovable().orElseThrow(), containsString("performance"));
        assertThat(rec("cost", "pending", performance(true)).whyNotApprovable().orElseThrow(), containsString("baseline"));
        assertThat(rec("cost", "pending", performance(true), application(true)).whyNotApprovable().isPresent(),
                equalTo(false));
    }

    @Test
    public void refusedValidationBlocksApproval() {
        Recommendation refused = rec("resource", "pending", performance(false), application(true));
        ApiException e = org.testng.Assert.expectThrows(ApiException.class, refused::requireApprovable);
        assertThat(e.status(), equalTo(409));
        assertThat(e.getMessage(), containsString("did not approve"));
    }

    @Test
    public void performanceRecommendationNeedsTheQualityBaseline() {
        assertThat(rec("performance", "pending").whyNotApprovable().orElseThrow(), containsString("baseline"));
        assertThat(rec("performance", "pending", application(false)).whyNotApprovable().isPresent(), equalTo(true));
        assertThat(rec("performance", "pending", application(true)).whyNotApprovable().isPresent(), equalTo(false));
    }

    @Test
    public void onlyPendingRecommendationsAreApprovableOrRejectable() {
        for (String status : List.of("approved", "rejected", "executing", "completed", "failed", "rolled_back")) {
            Recommendation decided = rec("cost", status, performance(true), application(true));
            assertThat(decided.whyNotApprovable().orElseThrow(), containsString("not pending"));
            assertThrows(ApiException.class, decided::requirePending);
        }
    }

    @Test
    public void serialisesToTheSpecShape() {
        JsonNode json = Json.MAPPER.valueToTree(rec("cost", "pending", performance(true), application(true)));
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields, equalTo(List.of("id", "customer_id", "agent_type", "type", "title", "status", "risk_level",
                "estimated_savings", "estimated_improvement", "confidence", "affected_resources", "details",
                "created_at", "updated_at", "validations")));
        List<String> validationFields = new ArrayList<>();
        json.get("validations").get(0).fieldNames().forEachRemaining(validationFields::add);
        assertThat(validationFields, equalTo(List.of("agent_type", "approved", "reason", "baseline_established",
                "predicted_p95_ms", "created_at")));
        assertThat(json.get("created_at").isTextual(), equalTo(true));
    }
}
