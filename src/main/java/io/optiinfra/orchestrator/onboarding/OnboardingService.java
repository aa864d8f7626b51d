package io.optiinfra.orchestrator.onboarding;

import io.optiinfra.common.ApiException;
import io.optiinfra.common.web.Web;
import io.optiinfra.orchestrator.events.EventBus;
import io.optiinfra.store.Postgres;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Onboarding handshake: the customer registers a cloud account, installs the runtime, and the runtime connects. */
public final class OnboardingService {
    private static final Set<String> CLOUDS = Set.of("aws", "gcp");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** {@code first_analysis} (default true): start an analysis by all agents once discovery completes. */
    public record OnboardRequest(String cloud_provider, String region, String iam_role_arn, Boolean first_analysis) {}
    public record ConnectRequest(String customer_id, String agent_token, String hostname, String version) {}

    private final Postgres pg;
    private final EventBus events;
    private final String orchestratorUrl;

    public OnboardingService(Postgres pg, EventBus events, String orchestratorUrl) {
        this.pg = pg;
        this.events = events;
        this.orchestratorUrl = orchestratorUrl;
    }

    public void onboard(UUID customerId, OnboardRequest request) {
        String cloud = Web.requireText(request.cloud_provider(), "cloud_provider", 16).toLowerCase();
        if (!CLOUDS.contains(cloud)) {
            throw ApiException.badRequest("cloud_provider must be one of " + CLOUDS);
        }
        String region = Web.requireText(request.region(), "region", 64);
        String role = Web.requireText(request.iam_role_arn(), "iam_role_arn", 2048);
        // first_analysis defaults to true on the first onboarding; a repeated onboarding changes it only when asked
        pg.update("INSERT INTO onboarding (customer_id, cloud_provider, region, iam_role_arn, status, first_analysis) "
                + "VALUES (?, ?, ?, ?, 'started', COALESCE(?::boolean, true)) ON CONFLICT (customer_id) DO UPDATE SET "
                + "cloud_provider = EXCLUDED.cloud_provider, region = EXCLUDED.region, iam_role_arn = "
                + "EXCLUDED.iam_role_arn, first_analysis = COALESCE(?::boolean, onboarding.first_analysis)",
                customerId, cloud, region, role, request.first_analysis(), request.first_analysis());
        pg.update("UPDATE infrastructure SET cloud_provider = ?, region = ?, updated_at = now() WHERE customer_id = ?",
                cloud, region, customerId);
        events.publish(customerId, "onboarding_started", "orchestrator", Map.of("cloud_provider", cloud, "region", region));
    }

    /** Issues a new runtime token bound to this customer and the command that installs the runtime with it. */
    public Map<String, Object> installCommand(UUID customerId) {
        requireOnboarded(customerId);
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String token = "rt_" + HexFormat.of().formatHex(bytes);
        pg.update("INSERT INTO agent_tokens (token, customer_id, kind) VALUES (?, ?, 'customer_runtime')", token, customerId);
        String command = "curl -fsSL " + orchestratorUrl + "/install.sh | sh -s -- --customer-id " + customerId
                + " --agent-token " + token + " --orchestrator " + orchestratorUrl;
        return Map.of("install_command", command, "agent_token", token);
    }

    /** The runtime connects with its token; the token must belong to the customer it claims to be. */
    public void connect(UUID tokenCustomer, ConnectRequest request) {
        UUID claimed;
        try {
            claimed = UUID.fromString(Web.requireText(request.customer_id(), "customer_id", 64));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("customer_id must be a UUID");
        }
        if (!claimed.equals(tokenCustomer)) {
            throw ApiException.forbidden("this agent token belongs to another customer");
        }
        String hostname = Web.requireText(request.hostname(), "hostname", 255);
        String version = Web.requireText(request.version(), "version", 64);
        requireOnboarded(claimed);
        pg.update("UPDATE onboarding SET status = 'connected', runtime_hostname = ?, runtime_version = ?, "
                + "connected_at = now() WHERE customer_id = ?", hostname, version, claimed);
        events.publish(claimed, "runtime_connected", "orchestrator", Map.of("hostname", hostname, "version", version));
    }

    /**
     * Claims the customer's first analysis once discovery completed: true exactly once per customer, and only when
     * the onboarding asked for it (the conditional update makes concurrent discoveries start one analysis).
     */
    public boolean claimFirstAnalysis(UUID customerId) {
        return pg.update("UPDATE onboarding SET first_analysis_started_at = now() WHERE customer_id = ? "
                + "AND first_analysis AND first_analysis_started_at IS NULL", customerId) == 1;
    }

    public List<Map<String, Object>> connections() {
        return pg.query("SELECT customer_id, cloud_provider, region, connected_at FROM onboarding "
                + "WHERE status = 'connected' ORDER BY connected_at");
    }

    private void requireOnboarded(UUID customerId) {
        if (pg.queryOne("SELECT 1 FROM onboarding WHERE customer_id = ?", customerId).isEmpty()) {
            throw ApiException.conflict("onboard the customer first: POST /customers/{id}/onboard");
        }
    }
}
