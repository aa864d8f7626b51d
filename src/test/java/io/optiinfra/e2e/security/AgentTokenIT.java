package io.optiinfra.e2e.security;

import io.optiinfra.e2e.support.ApiTest;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.fixtures.Onboarding;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.restassured.response.Response;
import org.testng.annotations.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Agent and runtime endpoints take agent tokens — the right kind, for the right customer — and nothing else. */
@Test(groups = {Groups.SECURITY, Groups.FAST}, dependsOnGroups = Groups.SMOKE)
public class AgentTokenIT extends ApiTest {
    private static final Map<String, Object> REGISTRATION = Map.of("agent_type", "cost", "version", "1",
            "capabilities", List.of(), "hostname", "intruder");

    public void registrationRefusesMissingForgedAndCustomerCredentials() {
        TestCustomer customer = newCustomer("Would Be Agent");

        Response none = api().post("/orchestrator/agents/register", REGISTRATION);
        Response forged = api().withToken("not-an-agent-token").post("/orchestrator/agents/register", REGISTRATION);
        Response customerJwt = customer.client().post("/orchestrator/agents/register", REGISTRATION);

        for (Response response : List.of(none, forged, customerJwt)) {
            assertThat(response.asString(), response.statusCode(), equalTo(401));
        }
        assertThat("no agent row was created", db().postgres("SELECT id FROM agents WHERE hostname = 'intruder'"),
                hasSize(0));
    }

    public void runtimeTokenIsNotAPlatformAgentTokenNorAnotherCustomersToken() {
        TestCustomer alice = newCustomer("Runtime Alice");
        TestCustomer bob = newCustomer("Runtime Bob");
        String aliceToken = Onboarding.connectRuntime(api(), alice, "aws", "us-east-1");
        bob.client().onboard(bob.customerId(), "aws", "us-east-1", "arn:aws:iam::1:role/x");

        Response asAgent = api().withToken(aliceToken).post("/orchestrator/agents/register", REGISTRATION);
        Response forBob = api().withToken(aliceToken).connectRuntime(bob.customerId(), aliceToken, "h", "1.0");
        Response platformTokenAsRuntime = api().withToken(env().agentToken())
                .connectRuntime(alice.customerId(), env().agentToken(), "h", "1.0");

        assertThat(asAgent.statusCode(), equalTo(403));
        assertThat(forBob.statusCode(), equalTo(403));
        assertThat(platformTokenAsRuntime.statusCode(), equalTo(403));
        assertThat(db().postgres("SELECT status FROM onboarding WHERE customer_id = ?::uuid AND status = 'connected'",
                bob.customerId()), hasSize(0));
    }
}
