package io.optiinfra.e2e.support.client;

import io.optiinfra.e2e.support.report.ReportingFilter;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.Map;

/**
 * The suite's HTTP client for the orchestrator API. Each instance owns its own REST Assured specification (never the
 * static globals), so a test — and therefore a thread — never shares one; {@link #withToken} derives a new client.
 */
public final class OptiInfraClient {
    private final String baseUrl;
    private final Map<String, String> headers;

    public OptiInfraClient(String baseUrl) {
        this(baseUrl, Map.of());
    }

    private OptiInfraClient(String baseUrl, Map<String, String> headers) {
        this.baseUrl = baseUrl;
        this.headers = headers;
    }

    /** A client that sends this bearer token. */
    public OptiInfraClient withToken(String token) {
        return new OptiInfraClient(baseUrl, Map.of("Authorization", "Bearer " + token));
    }

    /** A client that sends the platform's internal service token (internal endpoints only). */
    public OptiInfraClient withServiceToken(String token) {
        return new OptiInfraClient(baseUrl, Map.of("X-Service-Token", token));
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** A fresh request on this client's specification, for anything the helpers below don't cover. */
    public RequestSpecification request() {
        RequestSpecification spec = new RequestSpecBuilder()
                .setBaseUri(baseUrl)
                .setContentType(ContentType.JSON)
                .setAccept(ContentType.JSON)
                .addHeaders(headers)
                .addFilter(new ReportingFilter())
                // money and latencies must not lose precision to JsonPath's default 32-bit floats
                .setConfig(RestAssuredConfig.config().jsonConfig(JsonConfig.jsonConfig()
                        .numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE)))
                .build();
        return RestAssured.given(spec);
    }

    public Response get(String path, Object... pathParams) {
        return request().get(path, pathParams);
    }

    public Response get(String path, Map<String, ?> query, Object... pathParams) {
        return request().queryParams(query).get(path, pathParams);
    }

    public Response post(String path, Object body, Object... pathParams) {
        return request().body(body).post(path, pathParams);
    }

    /** Sends the body exactly as given (malformed JSON, wrong types, oversized payloads). */
    public Response postRaw(String path, String rawBody, Object... pathParams) {
        return request().body(rawBody).post(path, pathParams);
    }

    public Response put(String path, Object body, Object... pathParams) {
        return request().body(body).put(path, pathParams);
    }

    // --- the API contract's calls (SPEC §5) ---

    public Response health() {
        return get("/health");
    }

    public Response signup(String email, String companyName, String password, String plan) {
        return post("/auth/signup", Map.of("email", email, "company_name", companyName, "password", password,
                "plan", plan));
    }

    public Response login(String username, String password) {
        return post("/auth/login", Map.of("username", username, "password", password));
    }

    public Response customer(String customerId) {
        return get("/customers/{id}", customerId);
    }

    public Response customers() {
        return get("/customers");
    }

    public Response infrastructure(String customerId) {
        return get("/customers/{id}/infrastructure", customerId);
    }

    public Response metrics(String customerId, String metricType, String startTime, String endTime) {
        return get("/customers/{id}/metrics", Map.of("metric_type", metricType, "start_time", startTime,
                "end_time", endTime), customerId);
    }

    public Response routeTable() {
        return get("/meta/routes");
    }

    public Response onboard(String customerId, String cloudProvider, String region, String iamRoleArn) {
        return post("/customers/{id}/onboard", Map.of("cloud_provider", cloudProvider, "region", region,
                "iam_role_arn", iamRoleArn), customerId);
    }

    /** Onboards; {@code firstAnalysis=false} opts out of the analysis the platform starts once discovery completes. */
    public Response onboard(String customerId, String cloudProvider, String region, String iamRoleArn,
                            boolean firstAnalysis) {
        return post("/customers/{id}/onboard", Map.of("cloud_provider", cloudProvider, "region", region,
                "iam_role_arn", iamRoleArn, "first_analysis", firstAnalysis), customerId);
    }

    public Response agentInstallCommand(String customerId) {
        return get("/customers/{id}/agent-install-command", customerId);
    }

    /** Called with a runtime token client: {@code api().withToken(agentToken).connectRuntime(...)}. */
    public Response connectRuntime(String customerId, String agentToken, String hostname, String version) {
        return post("/agent-runtime/connect", Map.of("customer_id", customerId, "agent_token", agentToken,
                "hostname", hostname, "version", version));
    }

    public Response analyze(String customerId, String agentType) {
        return agentType == null ? request().post("/customers/{id}/analyze", customerId)
                : post("/customers/{id}/analyze", Map.of("agent_type", agentType), customerId);
    }

    public Response analysis(String customerId, String analysisId) {
        return get("/customers/{id}/analyses/{aid}", customerId, analysisId);
    }

    public Response routeAnalysis(String customerId, String analysisType, Map<String, ?> parameters) {
        return post("/orchestrator/analyze", Map.of("customer_id", customerId, "analysis_type", analysisType,
                "parameters", parameters));
    }

    public Response task(String taskId) {
        return get("/orchestrator/tasks/{tid}", taskId);
    }

    public Response recommendations(String customerId) {
        return get("/customers/{id}/recommendations", customerId);
    }

    public Response recommendation(String recommendationId) {
        return get("/recommendations/{rid}", recommendationId);
    }

    public Response agents() {
        return get("/orchestrator/agents");
    }

    public Response approve(String recommendationId) {
        return request().post("/recommendations/{rid}/approve", recommendationId);
    }

    public Response reject(String recommendationId) {
        return request().post("/recommendations/{rid}/reject", recommendationId);
    }

    public Response optimization(String optimizationId) {
        return get("/optimizations/{oid}", optimizationId);
    }

    public Response resolveConflict(String customerId, java.util.List<String> recommendationIds) {
        return post("/orchestrator/resolve-conflict", Map.of("customer_id", customerId,
                "recommendation_ids", recommendationIds));
    }

    public Response executeResolution(String resolutionId) {
        return post("/orchestrator/execute-resolution", Map.of("resolution_id", resolutionId));
    }

    public Response dashboard(String customerId) {
        return get("/portal/customers/{id}/dashboard", customerId);
    }

    public Response setPriorityOrder(String customerId, java.util.List<String> priorityOrder) {
        return put("/customers/{id}/preferences", Map.of("priority_order", priorityOrder), customerId);
    }

    public Response similarOutcomes(String recommendationId) {
        return get("/recommendations/{rid}/similar-outcomes", recommendationId);
    }
}
