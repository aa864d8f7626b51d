package io.optiinfra.agents.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.optiinfra.common.Json;
import io.optiinfra.common.client.JsonHttp;
import io.optiinfra.common.web.Web;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The task routes of the orchestrator, scripted per task id, recording what the agent sent. */
final class FakeOrchestrator implements AutoCloseable {
    record Call(String route, String taskId, JsonNode body) {}
    record Answer(int status, String body) {}

    final List<Call> calls = new CopyOnWriteArrayList<>();
    final Map<String, Answer> claims = new ConcurrentHashMap<>();
    private final Javalin app = Web.server();

    FakeOrchestrator() {
        app.post("/orchestrator/tasks/{id}/claim", ctx -> {
            calls.add(new Call("claim", ctx.pathParam("id"), Json.read(ctx.body())));
            Answer a = claims.getOrDefault(ctx.pathParam("id"), new Answer(404, "{\"error\":\"not_found\"}"));
            ctx.status(a.status()).contentType("application/json").result(a.body());
        });
        app.post("/orchestrator/tasks/{id}/complete", ctx -> {
            calls.add(new Call("complete", ctx.pathParam("id"), Json.read(ctx.body())));
            ctx.json(Map.of("completed", true, "duplicate", false, "recommendation_ids", List.of()));
        });
        app.post("/orchestrator/tasks/{id}/fail", ctx -> {
            JsonNode body = Json.read(ctx.body());
            calls.add(new Call("fail", ctx.pathParam("id"), body));
            ctx.json(Map.of("status", body.path("permanent").asBoolean() ? "dead_lettered" : "queued"));
        });
        app.start("127.0.0.1", 0);
    }

    JsonHttp client() {
        return new JsonHttp("http://127.0.0.1:" + app.port(), Map.of());
    }

    void claimable(String taskId, String analysisType, String parameters) {
        claims.put(taskId, new Answer(200, "{\"task_id\":\"" + taskId + "\",\"customer_id\":\"c1\","
                + "\"agent_type\":\"cost\",\"analysis_type\":\"" + analysisType + "\",\"parameters\":" + parameters
                + ",\"attempt\":1}"));
    }

    List<Call> calls(String route) {
        return calls.stream().filter(c -> c.route().equals(route)).toList();
    }

    @Override
    public void close() {
        app.stop();
    }
}
