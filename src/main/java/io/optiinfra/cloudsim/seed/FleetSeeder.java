package io.optiinfra.cloudsim.seed;

import io.optiinfra.cloudsim.accounts.Account;
import io.optiinfra.cloudsim.accounts.Accounts;
import io.optiinfra.cloudsim.accounts.InstanceService;
import io.optiinfra.cloudsim.catalog.Catalog;
import io.optiinfra.cloudsim.catalog.InstanceType;
import io.optiinfra.cloudsim.catalog.Markets;
import io.optiinfra.cloudsim.deployments.Deployment;
import io.optiinfra.cloudsim.deployments.Quantization;
import io.optiinfra.cloudsim.deployments.VllmConfig;
import io.optiinfra.cloudsim.instances.Instance;
import io.optiinfra.cloudsim.instances.Roles;
import io.optiinfra.cloudsim.seed.FleetDocument.DeploymentSpec;
import io.optiinfra.cloudsim.seed.FleetDocument.InstanceGroup;
import io.optiinfra.common.ApiException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Seeds a fleet document into an account, atomically: everything is validated before anything is created. Each
 * deployment takes its {@code instance_count} instances from the instances created by this call, in creation
 * order, among those of its instance type not yet taken; instances nobody takes stay unattached (idle).
 * Deployments default to the untuned vLLM config (0.7, 64, 16), fp16, a 1000 ms SLO, no load, not
 * interruption-tolerant, no cross-cloud data transfer ({@code data_transfer_gb_month} 0).
 */
public final class FleetSeeder {
    private static final Pattern DEPLOYMENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final double DEFAULT_SLO_MS = 1000;
    /** A finite bound (1 EB/month) so absurd input is a 400, not an infinite egress bill. */
    private static final double MAX_TRANSFER_GB_MONTH = 1e9;

    private final Accounts accounts;

    public FleetSeeder(Accounts accounts) {
        this.accounts = accounts;
    }

    private record PlannedGroup(InstanceType type, String region, String market, int count) {}

    private record PlannedDeployment(DeploymentSpec spec, InstanceType type, String cloud, String region,
                                     int count, VllmConfig config, String quantization) {}

    public Map<String, Object> seed(String customerId, FleetDocument fleet) {
        if (fleet == null) {
            throw ApiException.badRequest("a fleet document is required");
        }
        List<PlannedGroup> groups = planGroups(fleet);
        List<PlannedDeployment> plannedDeployments = planDeployments(fleet, groups);
        Account account = accounts.get(customerId);
        synchronized (account) {
            for (PlannedDeployment p : plannedDeployments) {
                if (account.findDeployment(p.spec().id()).isPresent()) {
                    throw ApiException.conflict("deployment " + p.spec().id() + " already exists in account "
                            + customerId);
                }
            }
            List<Instance> created = new ArrayList<>();
            for (PlannedGroup g : groups) {
                for (int n = 0; n < g.count(); n++) {
                    created.add(account.launch(g.type(), g.region(), g.market(), null, Roles.STABLE));
                }
            }
            List<Object> deploymentViews = new ArrayList<>();
            Set<Instance> taken = new HashSet<>();
            for (PlannedDeployment p : plannedDeployments) {
                DeploymentSpec s = p.spec();
                Deployment deployment = new Deployment(s.id(), account.customerId(), s.model(), p.cloud(),
                        p.region(), p.type(), p.config(), p.quantization(),
                        s.sloP95Ms() == null ? DEFAULT_SLO_MS : s.sloP95Ms(),
                        s.loadRps() == null ? 0 : s.loadRps(),
                        Boolean.TRUE.equals(s.interruptionTolerant()),
                        s.dataTransferGbMonth() == null ? 0 : s.dataTransferGbMonth());
                account.addDeployment(deployment);
                int needed = p.count();
                for (Instance instance : created) {
                    if (needed > 0 && !taken.contains(instance) && instance.type().equals(p.type())) {
                        account.attach(instance, deployment.id());
                        taken.add(instance);
                        needed--;
                    }
                }
                deploymentViews.add(deployment.view(account.runningFor(deployment.id())));
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("customer_id", account.customerId());
            result.put("name", fleet.name());
            result.put("instances", created.stream().map(Instance::view).toList());
            result.put("deployments", deploymentViews);
            return result;
        }
    }

    private static List<PlannedGroup> planGroups(FleetDocument fleet) {
        List<PlannedGroup> groups = new ArrayList<>();
        int total = 0;
        for (InstanceGroup g : fleet.instances() == null ? List.<InstanceGroup>of() : fleet.instances()) {
            if (g == null) {
                throw ApiException.badRequest("instances[] entries must be objects");
            }
            String cloud = g.cloud() != null ? g.cloud() : fleet.cloud();
            String region = g.region() != null ? g.region() : fleet.region();
            InstanceType type = Catalog.require(cloud, region, g.instanceType());
            int count = g.count() == null ? 1 : g.count();
            if (count < 1 || count > InstanceService.MAX_COUNT) {
                throw ApiException.badRequest("instances[].count must be within 1.." + InstanceService.MAX_COUNT);
            }
            total += count;
            groups.add(new PlannedGroup(type, region, Markets.parse(g.market()), count));
        }
        if (total > 512) {
            throw ApiException.badRequest("a fleet may hold at most 512 instances");
        }
        return groups;
    }

    private static List<PlannedDeployment> planDeployments(FleetDocument fleet, List<PlannedGroup> groups) {
        Map<InstanceType, Integer> available = new LinkedHashMap<>();
        groups.forEach(g -> available.merge(g.type(), g.count(), Integer::sum));
        Set<String> ids = new HashSet<>();
        List<PlannedDeployment> planned = new ArrayList<>();
        for (DeploymentSpec s : fleet.deployments() == null ? List.<DeploymentSpec>of() : fleet.deployments()) {
            if (s == null || s.id() == null || !DEPLOYMENT_ID.matcher(s.id()).matches()) {
                throw ApiException.badRequest("deployments[].id must be 1-128 characters of letters, digits and ._-");
            }
            if (!ids.add(s.id())) {
                throw ApiException.badRequest("duplicate deployment id " + s.id());
            }
            if (s.model() == null || s.model().isBlank()) {
                throw ApiException.badRequest("deployments[].model is required (" + s.id() + ")");
            }
            String cloud = s.cloud() != null ? s.cloud() : fleet.cloud();
            String region = s.region() != null ? s.region() : fleet.region();
            InstanceType type = Catalog.require(cloud, region, s.instanceType());
            int count = s.instanceCount() == null ? 0 : s.instanceCount();
            int left = available.getOrDefault(type, 0);
            if (count < 0 || count > left) {
                throw ApiException.badRequest("deployment " + s.id() + " needs " + count + " × " + type.name()
                        + " but the fleet has " + left + " of them left");
            }
            available.put(type, left - count);
            if (s.sloP95Ms() != null && !(s.sloP95Ms() > 0)) {
                throw ApiException.badRequest("deployments[].slo_p95_ms must be positive (" + s.id() + ")");
            }
            if (s.loadRps() != null && !(s.loadRps() >= 0 && s.loadRps() <= 1_000_000)) {
                throw ApiException.badRequest("deployments[].load_rps must be within 0..1000000 (" + s.id() + ")");
            }
            Double transfer = s.dataTransferGbMonth();
            if (transfer != null && !(transfer >= 0 && transfer <= MAX_TRANSFER_GB_MONTH)) {
                throw ApiException.badRequest("deployments[].data_transfer_gb_month must be within 0.."
                        + (long) MAX_TRANSFER_GB_MONTH + " (" + s.id() + ")");
            }
            VllmConfig config = VllmConfig.DEFAULT.overriddenBy(s.vllmConfig()).validated();
            String quantization = Quantization.parse(s.quantization(), Quantization.FP16);
            planned.add(new PlannedDeployment(s, type, cloud, region, count, config, quantization));
        }
        return planned;
    }
}
