package io.optiinfra.cloudsim.accounts;

import io.optiinfra.cloudsim.deployments.Canary;
import io.optiinfra.cloudsim.deployments.Deployment;
import io.optiinfra.cloudsim.deployments.DeploymentMetrics;
import io.optiinfra.cloudsim.deployments.DeploymentRequests.CanaryChange;
import io.optiinfra.cloudsim.deployments.DeploymentRequests.ConfigChange;
import io.optiinfra.cloudsim.deployments.DeploymentRequests.WhatIf;
import io.optiinfra.cloudsim.deployments.DeploymentView;
import io.optiinfra.cloudsim.deployments.MetricsCalculator;
import io.optiinfra.cloudsim.deployments.Predictor;
import io.optiinfra.cloudsim.deployments.Quantization;
import io.optiinfra.cloudsim.deployments.VllmConfig;
import io.optiinfra.cloudsim.instances.Instance;
import io.optiinfra.cloudsim.instances.Roles;
import io.optiinfra.common.ApiException;

import java.util.List;
import java.util.Map;

/**
 * Reads and changes deployments: stable config, canary share/config, promotion, modelled metrics and what-if
 * predictions. Every operation holds the account's lock; mutating ones first pass the account's
 * {@code api_error} fault check (after validating their input).
 */
public final class DeploymentService {
    private static final double MAX_LOAD_RPS = 1_000_000;

    private final Accounts accounts;

    public DeploymentService(Accounts accounts) {
        this.accounts = accounts;
    }

    public List<DeploymentView> list(String customerId) {
        Account account = accounts.get(customerId);
        synchronized (account) {
            return account.deployments().stream().map(d -> d.view(account.runningFor(d.id()))).toList();
        }
    }

    public DeploymentView get(String customerId, String deploymentId) {
        Account account = accounts.get(customerId);
        synchronized (account) {
            return account.deployment(deploymentId).view(account.runningFor(deploymentId));
        }
    }

    /** Applies a new config, quantization and/or load to the stable variant. */
    public DeploymentView configure(String customerId, String deploymentId, ConfigChange change) {
        Account account = accounts.get(customerId);
        synchronized (account) {
            Deployment d = account.deployment(deploymentId);
            VllmConfig config = d.vllmConfig().overriddenBy(change.vllmConfig()).validated();
            String quantization = Quantization.parse(change.quantization(), d.quantization());
            Double load = change.loadRps();
            if (load != null && !(load >= 0 && load <= MAX_LOAD_RPS)) {
                throw ApiException.badRequest("load_rps must be within 0.." + (long) MAX_LOAD_RPS);
            }
            account.beforeMutation("deployment config " + deploymentId);
            d.stableConfig(config, quantization);
            if (load != null) {
                d.loadRps(load);
            }
            return d.view(account.runningFor(deploymentId));
        }
    }

    /**
     * Sets the canary's traffic share and config. Unset config fields default to the current canary's (so a
     * rollout can move 10 → 50 → 100 by sending only {@code percent}), or to the stable config for a new canary.
     */
    public DeploymentView setCanary(String customerId, String deploymentId, CanaryChange change) {
        Account account = accounts.get(customerId);
        synchronized (account) {
            Deployment d = account.deployment(deploymentId);
            Double percent = change.percent();
            if (percent == null || !(percent >= 0 && percent <= 100)) {
                throw ApiException.badRequest("percent is required and must be within 0..100");
            }
            Canary current = d.canary();
            VllmConfig base = current != null ? current.vllmConfig() : d.vllmConfig();
            String baseQuantization = current != null ? current.quantization() : d.quantization();
            VllmConfig config = base.overriddenBy(change.vllmConfig()).validated();
            String quantization = Quantization.parse(change.quantization(), baseQuantization);
            account.beforeMutation("set canary of " + deploymentId);
            d.canary(new Canary(percent, config, quantization));
            return d.view(account.runningFor(deploymentId));
        }
    }

    /** Removes the canary (idempotent); canary-role instances then serve the stable config until terminated. */
    public DeploymentView removeCanary(String customerId, String deploymentId) {
        Account account = accounts.get(customerId);
        synchronized (account) {
            Deployment d = account.deployment(deploymentId);
            account.beforeMutation("remove canary of " + deploymentId);
            d.canary(null);
            return d.view(account.runningFor(deploymentId));
        }
    }

    /** Makes the canary config the stable config, turns canary-role instances into stable ones, clears the canary. */
    public DeploymentView promote(String customerId, String deploymentId) {
        Account account = accounts.get(customerId);
        synchronized (account) {
            Deployment d = account.deployment(deploymentId);
            Canary canary = d.canary();
            if (canary == null) {
                throw ApiException.conflict("deployment " + deploymentId + " has no canary to promote");
            }
            account.beforeMutation("promote canary of " + deploymentId);
            d.stableConfig(canary.vllmConfig(), canary.quantization());
            d.canary(null);
            for (Instance instance : account.runningFor(deploymentId)) {
                instance.role(Roles.STABLE);
            }
            return d.view(account.runningFor(deploymentId));
        }
    }

    public DeploymentMetrics metrics(String customerId, String deploymentId) {
        Account account = accounts.get(customerId);
        synchronized (account) {
            Deployment d = account.deployment(deploymentId);
            return MetricsCalculator.compute(d, account.runningFor(deploymentId),
                    account.faults().latencyFactor(deploymentId), account.faults().qualityFactor(deploymentId),
                    account.faults().canaryQualityFactor(deploymentId));
        }
    }

    public Map<String, Object> predict(String customerId, String deploymentId, WhatIf whatIf) {
        Account account = accounts.get(customerId);
        synchronized (account) {
            Deployment d = account.deployment(deploymentId);
            return Predictor.predict(d, account.runningFor(deploymentId), whatIf,
                    account.faults().latencyFactor(deploymentId), account.faults().qualityFactor(deploymentId));
        }
    }
}
