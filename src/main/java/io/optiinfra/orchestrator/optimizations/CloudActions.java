package io.optiinfra.orchestrator.optimizations;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.common.client.JsonHttp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The cloud calls a rollout makes (simulator cloud API); any non-2xx answer fails the step with the cloud's message. */
final class CloudActions {
    private static final ExecutorService PARALLEL_CALLS = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "cloud-call");
        t.setDaemon(true);
        return t;
    });

    private final JsonHttp cloud;
    private final String customerId;

    CloudActions(JsonHttp cloud, String customerId) {
        this.cloud = cloud;
        this.customerId = customerId;
    }

    JsonNode deployment(String deploymentId) {
        return call(() -> cloud.get(account() + "/deployments/" + deploymentId), "read deployment " + deploymentId);
    }

    JsonNode deploymentMetrics(String deploymentId) {
        return call(() -> cloud.get(account() + "/deployments/" + deploymentId + "/metrics"), "read metrics of " + deploymentId);
    }

    JsonNode runningInstances() {
        return call(() -> cloud.get(account() + "/instances?state=running"), "list instances");
    }

    JsonNode summary() {
        return call(() -> cloud.get(account() + "/summary"), "read account summary");
    }

    List<String> createInstances(String cloudName, String region, String type, String market, int count,
                                 String deploymentId, String role) {
        Map<String, Object> body = new HashMap<>();
        body.put("cloud", cloudName);
        body.put("region", region);
        body.put("instance_type", type);
        body.put("market", market);
        body.put("count", count);
        body.put("deployment_id", deploymentId);
        body.put("role", role);
        JsonNode created = call(() -> cloud.post(account() + "/instances", body), "create " + count + " " + market + " " + type);
        List<String> ids = new ArrayList<>();
        created.forEach(i -> ids.add(i.get("id").asText()));
        return ids;
    }

    /** Terminates instances concurrently (a rollback's duration must not grow with the fleet); first failure wins. */
    void terminateAll(List<String> instanceIds) {
        List<CompletableFuture<Void>> calls = instanceIds.stream()
                .map(id -> CompletableFuture.runAsync(() -> terminate(id), PARALLEL_CALLS)).toList();
        try {
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    void terminate(String instanceId) {
        call(() -> cloud.post(account() + "/instances/" + instanceId + "/terminate", Map.of()), "terminate " + instanceId);
    }

    void modify(String instanceId, Map<String, Object> changes) {
        call(() -> cloud.post(account() + "/instances/" + instanceId + "/modify", changes), "modify " + instanceId);
    }

    void canary(String deploymentId, Map<String, Object> canary) {
        call(() -> cloud.post(account() + "/deployments/" + deploymentId + "/canary", canary), "set canary of " + deploymentId);
    }

    /** Removes the canary if there is one (an absent canary is already the wanted state). */
    void removeCanary(String deploymentId) {
        JsonHttp.Reply reply = cloud.delete(account() + "/deployments/" + deploymentId + "/canary");
        if (!reply.ok() && reply.status() != 404 && reply.status() != 409) {
            throw new StepFailed("remove canary of " + deploymentId + ": " + reply.status() + " " + reply.body());
        }
    }

    void promote(String deploymentId) {
        call(() -> cloud.post(account() + "/deployments/" + deploymentId + "/canary/promote", Map.of()), "promote " + deploymentId);
    }

    void configure(String deploymentId, Map<String, Object> config) {
        call(() -> cloud.post(account() + "/deployments/" + deploymentId + "/config", config), "configure " + deploymentId);
    }

    private String account() {
        return "/accounts/" + customerId;
    }

    /** 429 means "slow down", not "no": retried with backoff this many times before the step fails. */
    static final int THROTTLE_ATTEMPTS = 6;

    private static JsonNode call(java.util.function.Supplier<JsonHttp.Reply> send, String what) {
        for (int attempt = 1; ; attempt++) {
            JsonHttp.Reply reply = send.get();
            if (reply.ok()) {
                return reply.body();
            }
            if (reply.status() != 429 || attempt >= THROTTLE_ATTEMPTS) {
                throw new StepFailed("cloud refused to " + what + ": " + reply.status() + " " + reply.body());
            }
            pause(50L << attempt);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailed("interrupted while backing off");
        }
    }

    /**
     * Past the point of no return (originals terminated once the new fleet serves everything), a terminated
     * instance cannot be brought back, so a rollback could not restore them: these terminations are made one at a
     * time and a transient failure (5xx, no answer) is retried rather than turned into a half-done rollback.
     */
    void terminateAllForward(List<String> instanceIds) {
        for (String id : instanceIds) {
            for (int attempt = 1; ; attempt++) {
                try {
                    terminate(id);
                    break;
                } catch (RuntimeException e) {
                    if (attempt >= FORWARD_ATTEMPTS) {
                        throw e;
                    }
                    pause(100L << attempt);
                }
            }
        }
    }

    static final int FORWARD_ATTEMPTS = 5;
}
