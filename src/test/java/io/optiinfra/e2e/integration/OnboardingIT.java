package io.optiinfra.e2e.integration;

import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Api;
import io.optiinfra.e2e.support.api.Infrastructure;
import io.optiinfra.e2e.support.api.InstallCommand;
import io.optiinfra.e2e.support.fixtures.OnboardedFleet;
import io.optiinfra.e2e.support.fixtures.Onboarding;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.report.TestReport;
import io.restassured.response.Response;
import org.testng.annotations.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

/** Onboarding handshake and discovery: pending → discovering → discovered, stored in PostgreSQL. */
@Test(groups = Groups.INTEGRATION, dependsOnGroups = Groups.SMOKE)
public class OnboardingIT extends SuiteBase {

    public void connectedRuntimeLeadsToDiscoveredInventoryMatchingTheCloud() {
        TestCustomer customer = newCustomer("Discovery Co");

        OnboardedFleet fleet = Onboarding.onboardFleet(api(), cloud(), customer, "aws-small");

        TestReport.step("Assert: the inventory is the simulated cloud's");
        Response infra = customer.client().infrastructure(customer.customerId());
        Infrastructure inventory = Api.read(infra, Infrastructure.class);
        List<String> platformIds = inventory.instanceIds();
        List<String> cloudIds = cloud().runningInstances(customer.customerId()).findValuesAsText("id");
        assertThat(platformIds.stream().sorted().toList(), equalTo(cloudIds.stream().sorted().toList()));
        assertThat(inventory.cloudProvider(), equalTo("aws"));
        assertThat(inventory.requireDeployments().stream().map(Infrastructure.VllmDeployment::id).toList(),
                equalTo(List.of("llama2-13b-chat")));

        TestReport.step("Prove in stores: rows, and the status went discovering before discovered");
        assertThat(db().postgres("SELECT instance_id FROM instances WHERE customer_id = ?::uuid", fleet.customerId()),
                hasSize(cloudIds.size()));
        List<Object> statuses = db().postgres("SELECT payload->>'status' AS status FROM events WHERE customer_id = ?::uuid "
                + "AND type = 'infrastructure_updated' ORDER BY id", fleet.customerId()).stream()
                .map(r -> r.get("status")).toList();
        assertThat(statuses.get(0), equalTo("discovering"));
        assertThat(statuses.get(statuses.size() - 1), equalTo("discovered"));
        assertThat(db().postgres("SELECT status, runtime_version FROM onboarding WHERE customer_id = ?::uuid",
                fleet.customerId()).get(0).get("status"), equalTo("connected"));
    }

    public void installCommandIssuesACustomerBoundRuntimeToken() {
        TestCustomer customer = newCustomer("Install Command Co");
        assertThat(customer.client().onboard(customer.customerId(), "gcp", "us-central1", "arn:x").statusCode(),
                equalTo(202));

        Response install = customer.client().agentInstallCommand(customer.customerId());

        assertThat(install.statusCode(), equalTo(200));
        InstallCommand command = Api.read(install, InstallCommand.class);
        String token = command.agentToken();
        assertThat(command.installCommand(), containsString(customer.customerId()));
        assertThat(command.installCommand(), containsString(token));
        List<Map<String, Object>> rows = db().postgres("SELECT customer_id::text AS customer_id, kind FROM agent_tokens "
                + "WHERE token = ?", token);
        assertThat(rows.get(0).get("customer_id"), equalTo(customer.customerId()));
        assertThat(rows.get(0).get("kind"), equalTo("customer_runtime"));
        assertThat(token, startsWith("rt_"));
    }

    public void onboardingValidatesItsInputAndOrder() {
        TestCustomer customer = newCustomer("Onboarding Order Co");

        Response tooEarly = customer.client().agentInstallCommand(customer.customerId());
        Response badCloud = customer.client().onboard(customer.customerId(), "azure", "eu-west-1", "arn:x");
        Response noRegion = customer.client().post("/customers/{id}/onboard", Map.of("cloud_provider", "aws",
                "iam_role_arn", "arn:x"), customer.customerId());

        assertThat(tooEarly.statusCode(), equalTo(409));
        assertThat(badCloud.statusCode(), equalTo(400));
        assertThat(noRegion.statusCode(), equalTo(400));
        assertThat(Api.read(customer.client().infrastructure(customer.customerId()), Infrastructure.class).status(),
                equalTo("pending"));
    }
}
