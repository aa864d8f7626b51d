package io.optiinfra.e2e.integration;

import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Api;
import io.optiinfra.e2e.support.api.Infrastructure;
import io.optiinfra.e2e.support.db.RedisSubscription;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.report.TestReport;
import io.optiinfra.e2e.support.wait.TimeBounds;
import io.optiinfra.e2e.support.wait.WaitHelper;
import io.restassured.response.Response;
import org.testng.annotations.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

/** Infrastructure records and the customer's event stream (Redis pub/sub + audit trail). */
@Test(groups = {Groups.INTEGRATION, Groups.FAST}, dependsOnGroups = Groups.SMOKE)
public class InfrastructureEventsIT extends SuiteBase {

    public void newCustomerHasPendingEmptyInfrastructure() {
        TestCustomer customer = newCustomer("Fresh Infra Co");

        Response infra = customer.client().infrastructure(customer.customerId());

        assertThat(infra.statusCode(), equalTo(200));
        Infrastructure fresh = Api.read(infra, Infrastructure.class);
        assertThat(fresh.status(), equalTo("pending"));
        assertThat(fresh.requireInstances(), empty());
        assertThat(fresh.requireDeployments(), empty());
        assertThat(db().postgres("SELECT status FROM infrastructure WHERE customer_id = ?::uuid",
                customer.customerId()).get(0).get("status"), equalTo("pending"));
    }

    public void infrastructureUpdateIsStoredReturnedAndPublishedOnTheCustomerChannel() {
        TestReport.step("Arrange: listen on the customer's Redis channel");
        TestCustomer customer = newCustomer("Evented Infra Co");
        String channel = "optiinfra:customer:" + customer.customerId() + ":events";
        try (RedisSubscription events = db().subscribe(channel)) {
            TestReport.step("Act: the collector's write (internal API)");
            Map<String, Object> update = Map.of("status", "discovered", "cloud_provider", "aws", "region", "us-east-1",
                    "instances", List.of(Map.of("id", "i-0abc", "instance_type", "p4d.24xlarge", "cloud", "aws",
                            "region", "us-east-1", "market", "on_demand", "state", "running",
                            "details", Map.of("gpu_count", 8))),
                    "vllm_deployments", List.of(Map.of("id", "llama-70b", "model", "meta-llama/Llama-2-70b-chat-hf",
                            "details", Map.of("slo_p95_ms", 1000))));
            Response put = service().put("/internal/customers/{id}/infrastructure", update, customer.customerId());
            assertThat(put.asString(), put.statusCode(), equalTo(200));

            TestReport.step("Wait: the event arrives on Redis");
            List<String> messages = WaitHelper.until("infrastructure_updated on " + channel, TimeBounds.EVENT_DELIVERY,
                    events::messages, m -> m.stream().anyMatch(s -> s.contains("infrastructure_updated")));
            assertThat(messages.get(messages.size() - 1), containsString(customer.customerId()));
        }

        TestReport.step("Assert: the API returns what was stored");
        Response infra = customer.client().infrastructure(customer.customerId());
        Infrastructure stored = Api.read(infra, Infrastructure.class);
        assertThat(stored.status(), equalTo("discovered"));
        assertThat("instances", stored.requireInstances(), not(empty()));
        Infrastructure.Instance instance = stored.requireInstances().get(0);
        assertThat(instance.instanceType(), equalTo("p4d.24xlarge"));
        assertThat("details.gpu_count", instance.details() != null && instance.details().path("gpu_count").isInt()
                ? instance.details().get("gpu_count").asInt() : null, equalTo(8));
        assertThat("vllm_deployments", stored.requireDeployments(), not(empty()));
        assertThat(stored.requireDeployments().get(0).model(), equalTo("meta-llama/Llama-2-70b-chat-hf"));

        TestReport.step("Prove in stores");
        assertThat(db().postgres("SELECT instance_id, market FROM instances WHERE customer_id = ?::uuid",
                customer.customerId()), hasSize(1));
        assertThat(db().postgres("SELECT type FROM events WHERE customer_id = ?::uuid AND type = 'infrastructure_updated'",
                customer.customerId()), hasSize(1));
    }

    public void invalidInfrastructureUpdateIs400AndKeepsThePreviousSnapshot() {
        TestCustomer customer = newCustomer("Keeps Old Infra");
        Map<String, Object> good = Map.of("status", "discovered", "instances", List.of(Map.of("id", "i-keep",
                "instance_type", "g5.2xlarge", "cloud", "aws", "region", "us-east-1", "market", "spot", "state", "running")));
        assertThat(service().put("/internal/customers/{id}/infrastructure", good, customer.customerId()).statusCode(),
                equalTo(200));

        Response bad = service().put("/internal/customers/{id}/infrastructure",
                Map.of("status", "exploded", "instances", List.of()), customer.customerId());

        assertThat(bad.statusCode(), equalTo(400));
        assertThat(db().postgres("SELECT instance_id FROM instances WHERE customer_id = ?::uuid",
                customer.customerId()).get(0).get("instance_id"), equalTo("i-keep"));
        assertThat(Api.read(customer.client().infrastructure(customer.customerId()), Infrastructure.class).status(),
                equalTo("discovered"));
    }
}
