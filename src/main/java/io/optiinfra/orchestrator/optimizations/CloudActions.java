package io.optiinfra.orchestrator.optimizations;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.common.client.JsonHttp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/** The cloud calls a rollout makes (simulator cloud API); any non-2xx answer fails the step with the cloud's message. */
final class CloudActions {
    private static final ExecutorService PARALLEL_CALLS = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "cloud-call");
        t.setDaemon(true);
        return t;
    });

    private final JsonHttp cloud;
    private final String customerId;
    private final RetryLog retries;

    CloudActions(JsonHttp cloud, String customerId, RetryLog retries) {
        this.cloud = cloud;
        this.customerId = customerId;
        this.retries = retries;
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
        String what = "remove canary of " + deploymentId;
        JsonHttp.Reply reply = send(() -> cloud.delete(account() + "/deployments/" + deploymentId + "/canary"), what);
        if (!reply.ok() && reply.status() != 404 && reply.status() != 409) {
            throw new StepFailed(what + ": " + reply.status() + " " + reply.body());
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

    /** 429 means "slow down", not "no": retried (see {@link CloudRetry}) this many times before the step fails. */
    static final int THROTTLE_ATTEMPTS = CloudRetry.THROTTLE_ATTEMPTS;

    private JsonNode call(Supplier<JsonHttp.Reply> request, String what) {
        JsonHttp.Reply reply = send(request, what);
        if (!reply.ok()) {
            throw new StepFailed("cloud refused to " + what + ": " + reply.status() + " " + reply.body());
        }
        return reply.body();
    }

    /**
     * Sends a call, retrying it while the cloud answers 429: after the wait the cloud's Retry-After asks for, else a
     * jittered backoff; every retry is written to the audit trail before it is sent. Returns the first other answer.
     */
    private JsonHttp.Reply send(Supplier<JsonHttp.Reply> request, String what) {
        long waited = 0;
        for (int attempt = 1; ; attempt++) {
            JsonHttp.Reply reply = request.get();
            if (reply.status() != 429) {
                return reply;
            }
            OptionalLong retryAfter = CloudRetry.retryAfterMillis(reply, Instant.now());
            CloudRetry.Wait wait;
            try {
                wait = CloudRetry.next(attempt, retryAfter, waited, ThreadLocalRandom.current());
            } catch (StepFailed giveUp) {
                throw new StepFailed("cloud refused to " + what + ": 429 " + reply.body() + " (" + giveUp.getMessage()
                        + ")");
            }
            long start = System.nanoTime();
            pause(wait.millis());
            long slept = (System.nanoTime() - start) / 1_000_000;
            waited += slept;
            retries.retrying(what, attempt, reply.status(), slept, wait.retryAfterMs());
        }
    }

    /** Where the retries of throttled calls are recorded: the optimization's audit trail. */
    @FunctionalInterface
    interface RetryLog {
        /**
         * A throttled call is about to be sent again: {@code attempt} is the number of the call answered
         * {@code status}, {@code waitedMs} the time waited since, {@code retryAfterMs} what the cloud asked (or null).
         */
        void retrying(String operation, int attempt, int status, long waitedMs, Long retryAfterMs);
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
