package io.optiinfra.e2e.security.access;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.e2e.support.api.Agent;
import io.optiinfra.e2e.support.api.Analysis;
import io.optiinfra.e2e.support.api.Api;
import io.optiinfra.e2e.support.api.InstallCommand;
import io.optiinfra.e2e.support.api.Recommendation;
import io.optiinfra.e2e.support.client.OptiInfraClient;
import io.optiinfra.e2e.support.cloud.CloudSimulatorClient;
import io.optiinfra.e2e.support.fixtures.Conflicts;
import io.optiinfra.e2e.support.fixtures.Onboarding;
import io.optiinfra.e2e.support.fixtures.Optimizations;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.fixtures.TestCustomers;
import io.restassured.response.Response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The victims the access matrix attacks. Three fleet worlds are built once per class, in parallel: {@code reads}
 * (read-only routes, plus writes whose allowed answer changes nothing the reads look at), {@code rec_writes} (approve,
 * reject, validations — each on its own recommendation) and {@code resolution} (execute-resolution). A route whose
 * victim is {@code tenant} gets its own onboarded customer, so no two routes' re-reads look at the same rows.
 */
final class MatrixWorlds {
    static final String FLEET = "aws-small";
    static final List<String> REC_TYPES = List.of("instance_rightsizing", "idle_resource_cleanup", "spot_migration");

    /** A victim: its owner, its runtime token and the named values the route templates refer to. */
    record Victim(String name, TestCustomer owner, String runtimeToken, Map<String, String> values) {}

    private final Supplier<OptiInfraClient> api;
    private final Supplier<CloudSimulatorClient> cloud;
    private final Map<String, CompletableFuture<Victim>> fleets = new ConcurrentHashMap<>();
    private final Map<String, Victim> tenants = new ConcurrentHashMap<>();
    private final Victim attacker;
    private final String adminToken;
    private final String agentId;
    private final String serviceToken;

    MatrixWorlds(Supplier<OptiInfraClient> api, Supplier<CloudSimulatorClient> cloud, String adminToken, String agentToken,
                 String serviceToken) {
        this.api = api;
        this.cloud = cloud;
        this.adminToken = adminToken;
        this.serviceToken = serviceToken;
        for (String world : List.of("reads", "rec_writes", "resolution")) {
            fleets.put(world, CompletableFuture.supplyAsync(() -> fleetWorld(world)));
        }
        this.attacker = tenant("attacker");
        Response registered = api.get().withToken(agentToken).post("/orchestrator/agents/register", Map.of(
                "agent_type", "application", "version", "matrix", "capabilities", List.of(), "hostname", "matrix-fixture"));
        assertThat(registered.asString(), registered.statusCode(), equalTo(200));
        this.agentId = Api.read(registered, Agent.Registration.class).agentId();
    }

    String adminToken() {
        return adminToken;
    }

    Victim attacker() {
        return attacker;
    }

    String fixtureAgentId() {
        return agentId;
    }

    /** The victim of a route: a fleet world by name, or ({@code tenant}) a customer of the route's own. */
    Victim victim(String world, String routeKey) {
        return victim(world, routeKey, null);
    }

    /** As {@link #victim(String, String)}; a route's own tenant is first given {@code inventory} when not null. */
    Victim victim(String world, String routeKey, JsonNode inventory) {
        if ("tenant".equals(world)) {
            return tenants.computeIfAbsent(routeKey, key -> {
                Victim tenant = tenant("tenant of " + key);
                if (inventory != null) {
                    Response put = api.get().withServiceToken(serviceToken).put("/internal/customers/{id}/infrastructure",
                            inventory.toString(), tenant.owner().customerId());
                    assertThat(put.asString(), put.statusCode(), equalTo(200));
                }
                return tenant;
            });
        }
        CompletableFuture<Victim> fleet = fleets.get(world);
        if (fleet == null) {
            throw new IllegalStateException("unknown victim world " + world + " (reads, rec_writes, resolution, tenant)");
        }
        return fleet.join();
    }

    /** A signed-up, onboarded customer with a runtime token, no fleet. */
    private Victim tenant(String label) {
        TestCustomer customer = TestCustomers.signUp(api.get(), "Matrix " + label, "pro");
        Response onboard = customer.client().onboard(customer.customerId(), "aws", "us-east-1",
                "arn:aws:iam::123456789012:role/Matrix");
        assertThat(onboard.asString(), onboard.statusCode(), equalTo(202));
        Response install = customer.client().agentInstallCommand(customer.customerId());
        assertThat(install.asString(), install.statusCode(), equalTo(200));
        String token = Api.read(install, InstallCommand.class).agentToken();
        return new Victim(label, customer, token, base(customer, token));
    }

    /** A customer with the aws-small fleet discovered, analysed by all agents, its recommendations validated. */
    private Victim fleetWorld(String world) {
        TestCustomer customer = TestCustomers.signUp(api.get(), "Matrix " + world, "pro");
        String token = Onboarding.onboardFleet(api.get(), cloud.get(), customer, FLEET).agentToken();
        Response analysis = Onboarding.analyzeAndWait(customer, null, Optimizations.RECOMMENDATION_TIMEOUT);
        Map<String, Recommendation> recs = Conflicts.awaitRecommendations(customer, REC_TYPES);
        Map<String, String> values = base(customer, token);
        recs.forEach((type, rec) -> values.put("rec." + type, rec.id()));
        Analysis done = Api.read(analysis, Analysis.class);
        values.put("analysis_id", done.id());
        assertThat("tasks of analysis " + done.id(), done.tasks(), notNullValue());
        String completedTask = done.tasks().stream()
                .filter(t -> "completed".equals(t.status())).map(Analysis.TaskRef::taskId).findFirst()
                .orElseThrow(() -> new AssertionError("no completed task in analysis " + analysis.asString()));
        values.put("task_id", completedTask);
        if ("reads".equals(world)) {
            values.put("optimization_id", Optimizations.approve(customer, recs.get("idle_resource_cleanup")));
        }
        if ("resolution".equals(world)) {
            String id = Conflicts.resolve(customer, List.of(values.get("rec.instance_rightsizing"),
                    values.get("rec.spot_migration"))).id();
            assertThat("resolution id", id, notNullValue());
            values.put("resolution_id", id);
        }
        return new Victim(world, customer, token, values);
    }

    private static Map<String, String> base(TestCustomer customer, String runtimeToken) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("customer_id", customer.customerId());
        values.put("email", customer.email());
        values.put("password", customer.password());
        values.put("runtime_token", runtimeToken);
        return values;
    }
}
