package io.optiinfra.cloudsim.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.cloudsim.catalog.Catalog;
import io.optiinfra.cloudsim.catalog.InstanceType;
import io.optiinfra.cloudsim.catalog.Markets;
import io.optiinfra.cloudsim.instances.Instance;
import io.optiinfra.cloudsim.instances.InstanceView;
import io.optiinfra.cloudsim.instances.Roles;
import io.optiinfra.common.ApiException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Instance lifecycle of an account: launch, terminate, modify, list, and the cost summary. Every operation holds
 * the account's lock; mutating calls validate their input, then pass the account's fault checks
 * ({@code api_error}, and {@code spot_capacity_unavailable} when they acquire spot capacity), then apply.
 */
public final class InstanceService {
    public static final int MAX_COUNT = 64;
    private static final Set<String> STATES = Set.of(Instance.RUNNING, Instance.TERMINATED, Instance.INTERRUPTED);
    private static final Set<String> MODIFIABLE = Set.of("instance_type", "market", "role", "deployment_id");

    private final Accounts accounts;

    public InstanceService(Accounts accounts) {
        this.accounts = accounts;
    }

    /** Instances in launch order, optionally filtered by cloud and state. */
    public List<InstanceView> list(String customerId, String cloud, String state) {
        if (cloud != null) {
            Catalog.requireCloud(cloud);
        }
        if (state != null && !STATES.contains(state)) {
            throw ApiException.badRequest("state must be one of " + STATES + ", not '" + state + "'");
        }
        Account account = accounts.get(customerId);
        synchronized (account) {
            return account.instances().stream()
                    .filter(i -> cloud == null || i.cloud().equals(cloud))
                    .filter(i -> state == null || i.state().equals(state))
                    .map(Instance::view).toList();
        }
    }

    public InstanceView get(String customerId, String instanceId) {
        Account account = accounts.get(customerId);
        synchronized (account) {
            return account.instance(instanceId).view();
        }
    }

    public List<InstanceView> launch(String customerId, InstanceRequests.Launch request) {
        InstanceType type = Catalog.require(request.cloud(), request.region(), request.instanceType());
        String market = Markets.parse(request.market());
        int count = request.count() == null ? 1 : request.count();
        if (count < 1 || count > MAX_COUNT) {
            throw ApiException.badRequest("count must be within 1.." + MAX_COUNT);
        }
        String role = Roles.parse(request.role(), Roles.STABLE);
        Account account = accounts.get(customerId);
        synchronized (account) {
            if (request.deploymentId() != null) {
                account.deployment(request.deploymentId());
            }
            account.beforeMutation("launch instances");
            if (Markets.SPOT.equals(market)) {
                account.faults().checkSpotCapacity();
            }
            List<InstanceView> created = new ArrayList<>();
            for (int n = 0; n < count; n++) {
                created.add(account.launch(type, request.region(), market, request.deploymentId(), role).view());
            }
            return created;
        }
    }

    /** Terminates a running instance; an instance that already stopped is returned unchanged. */
    public InstanceView terminate(String customerId, String instanceId) {
        Account account = accounts.get(customerId);
        synchronized (account) {
            Instance instance = account.instance(instanceId);
            account.beforeMutation("terminate " + instanceId);
            instance.stop(Instance.TERMINATED, Instant.now());
            return instance.view();
        }
    }

    /**
     * Changes type, market, role or deployment of a running instance (price recomputed). A JSON {@code null}
     * {@code deployment_id} detaches the instance; absent fields stay as they are.
     */
    public InstanceView modify(String customerId, String instanceId, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("request body must be a JSON object");
        }
        body.fieldNames().forEachRemaining(field -> {
            if (!MODIFIABLE.contains(field)) {
                throw ApiException.badRequest("cannot modify '" + field + "'; modifiable: " + MODIFIABLE);
            }
        });
        Account account = accounts.get(customerId);
        synchronized (account) {
            Instance instance = account.instance(instanceId);
            if (!instance.running()) {
                throw ApiException.conflict("instance " + instanceId + " is " + instance.state());
            }
            InstanceType type = body.has("instance_type")
                    ? Catalog.require(instance.cloud(), instance.region(), text(body, "instance_type"))
                    : instance.type();
            String market = body.has("market") ? Markets.parse(text(body, "market")) : instance.market();
            String role = body.has("role") ? Roles.parse(text(body, "role"), instance.role()) : instance.role();
            String deploymentId = instance.deploymentId();
            if (body.has("deployment_id")) {
                deploymentId = body.get("deployment_id").isNull() ? null : text(body, "deployment_id");
                if (deploymentId != null) {
                    account.deployment(deploymentId);
                }
            }
            account.beforeMutation("modify " + instanceId);
            if (Markets.SPOT.equals(market) && !instance.spot()) {
                account.faults().checkSpotCapacity();
            }
            instance.type(type);
            instance.market(market);
            instance.role(role);
            instance.deploymentId(deploymentId);
            return instance.view();
        }
    }

    public Summary summary(String customerId) {
        Account account = accounts.get(customerId);
        synchronized (account) {
            return Summary.of(account.customerId(), account.running());
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw ApiException.badRequest(field + " must be a non-empty string");
        }
        return value.asText();
    }
}
