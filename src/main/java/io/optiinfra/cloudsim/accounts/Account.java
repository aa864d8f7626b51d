package io.optiinfra.cloudsim.accounts;

import io.optiinfra.cloudsim.catalog.InstanceType;
import io.optiinfra.cloudsim.deployments.Deployment;
import io.optiinfra.cloudsim.faults.AccountFaults;
import io.optiinfra.cloudsim.instances.Ids;
import io.optiinfra.cloudsim.instances.Instance;
import io.optiinfra.cloudsim.instances.Roles;
import io.optiinfra.common.ApiException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One customer's cloud account: instances, deployments and injected faults. Not thread-safe by itself: every caller
 * holds the account's monitor ({@code synchronized (account)}) for the whole operation, so each operation on an
 * account is atomic and accounts never block each other.
 */
public final class Account {
    private final String customerId;
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final Map<String, Deployment> deployments = new LinkedHashMap<>();
    private final AccountFaults faults = new AccountFaults();

    Account(String customerId) {
        this.customerId = customerId;
    }

    public String customerId() {
        return customerId;
    }

    public AccountFaults faults() {
        return faults;
    }

    /** Start of every mutating cloud call: armed one-shot faults strike, then injected errors apply. */
    public void beforeMutation(String operation) {
        faults.fireArmed(operation, instances.values());
        faults.consumeApiError(operation);
    }

    /** Starts a new running instance. */
    public Instance launch(InstanceType type, String region, String market, String deploymentId, String role) {
        Instance instance = new Instance(Ids.instanceId(type.cloud()), customerId, type, region, market, deploymentId,
                role, Instant.now());
        instances.put(instance.id(), instance);
        return instance;
    }

    /** Makes an instance of this account serve a deployment (stable role). */
    public void attach(Instance instance, String deploymentId) {
        instance.deploymentId(deploymentId);
        instance.role(Roles.STABLE);
    }

    public Instance instance(String id) {
        Instance instance = instances.get(id);
        if (instance == null) {
            throw ApiException.notFound("no instance " + id + " in account " + customerId);
        }
        return instance;
    }

    /** All instances in launch order, whatever their state. */
    public Collection<Instance> instances() {
        return Collections.unmodifiableCollection(instances.values());
    }

    public List<Instance> running() {
        return instances.values().stream().filter(Instance::running).toList();
    }

    /** The running instances of a deployment (both variants), in launch order. */
    public List<Instance> runningFor(String deploymentId) {
        return instances.values().stream().filter(i -> i.servesDeployment(deploymentId)).toList();
    }

    public Optional<Deployment> findDeployment(String id) {
        return Optional.ofNullable(id == null ? null : deployments.get(id));
    }

    public Deployment deployment(String id) {
        return findDeployment(id).orElseThrow(() ->
                ApiException.notFound("no deployment " + id + " in account " + customerId));
    }

    public void addDeployment(Deployment deployment) {
        if (deployments.containsKey(deployment.id())) {
            throw ApiException.conflict("deployment " + deployment.id() + " already exists in account " + customerId);
        }
        deployments.put(deployment.id(), deployment);
    }

    public List<Deployment> deployments() {
        return new ArrayList<>(deployments.values());
    }
}
