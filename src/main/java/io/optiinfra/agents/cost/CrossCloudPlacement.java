package io.optiinfra.agents.cost;

import io.optiinfra.agents.shared.CustomerContext;
import io.optiinfra.agents.shared.Deployment;
import io.optiinfra.agents.shared.EgressPrices;
import io.optiinfra.agents.shared.Instance;
import io.optiinfra.agents.shared.InstancePrice;
import io.optiinfra.agents.shared.Money;
import io.optiinfra.agents.shared.Prediction;
import io.optiinfra.agents.shared.PriceBook;
import io.optiinfra.agents.shared.Recommendation;
import io.optiinfra.agents.shared.Risk;
import io.optiinfra.agents.shared.WhatIf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Moving a deployment that runs wholly on demand to another cloud's on-demand instances (in that cloud's region).
 * Target count = ceil(Σ relative performance of the current instances / target's); gross = (current hourly − target
 * hourly × count) × 730; egress = data_transfer_gb_month × the catalog's price from the current to the target cloud;
 * net = gross − egress. The best positive net whose predicted p95 (whole load on the target) keeps the SLO wins.
 * Deployments partly on spot or reserved are skipped: moving only part would split them across clouds.
 */
public final class CrossCloudPlacement {
    public static final String TYPE = "cross_cloud_workload_placement";
    /** The region each cloud's offer is taken from. */
    static final Map<String, String> REGIONS = Map.of("aws", "us-east-1", "gcp", "us-central1");
    /** The simulator launches at most 64 instances per call: a bigger move could not be executed. */
    static final int MAX_TARGET_COUNT = 64;

    private CrossCloudPlacement() {}

    /** A priced move to one target type. */
    record Option(InstancePrice target, String region, int count, double grossSavings, double egressPricePerGb,
                  double egressCost) {
        double netSavings() {
            return grossSavings - egressCost;
        }
    }

    public static Optional<Recommendation> evaluate(Deployment d, List<Instance> running, PriceBook prices,
                                                    EgressPrices egress, WhatIf whatIf) {
        if (running.isEmpty() || !d.hasSlo() || !running.stream().allMatch(Instance::onDemand)) {
            return Optional.empty();
        }
        double hourly = 0;
        double performance = 0;
        String fromCloud = null;
        for (Instance i : running) {
            Optional<InstancePrice> price = prices.find(i.instanceType());
            if (price.isEmpty() || price.get().relativePerformance() <= 0
                    || (fromCloud != null && !fromCloud.equals(price.get().cloud()))) {
                return Optional.empty(); // unpriced, unrated or already multi-cloud: no honest figure
            }
            fromCloud = price.get().cloud();
            hourly += price.get().onDemandHourly();
            performance += price.get().relativePerformance();
        }
        for (Option option : options(fromCloud, hourly, performance, d.dataTransferGbMonth(), prices, egress)) {
            Prediction predicted = whatIf.predict(Map.of("instance_type", option.target().name(),
                    "instance_count", option.count(), "spot_share", 0.0));
            if (predicted.latencyP95Ms() <= d.sloP95Ms()) {
                return Optional.of(recommendation(d, running, fromCloud, option, predicted));
            }
        }
        return Optional.empty();
    }

    /** The other clouds' types with a positive net saving, best first. */
    static List<Option> options(String fromCloud, double currentHourly, double currentPerformance,
                                double transferGbMonth, PriceBook prices, EgressPrices egress) {
        List<Option> options = new ArrayList<>();
        for (InstancePrice p : prices.all()) {
            String region = REGIONS.get(p.cloud());
            OptionalDouble perGb = egress.perGb(fromCloud, p.cloud());
            if (p.cloud().equals(fromCloud) || region == null || !p.availableIn(region)
                    || p.relativePerformance() <= 0 || perGb.isEmpty()) {
                continue;
            }
            int count = targetCount(currentPerformance, p.relativePerformance());
            double gross = (currentHourly - p.onDemandHourly() * count) * Money.HOURS_PER_MONTH;
            Option option = new Option(p, region, count, gross, perGb.getAsDouble(),
                    transferGbMonth * perGb.getAsDouble());
            if (count <= MAX_TARGET_COUNT && option.netSavings() > 0) {
                options.add(option);
            }
        }
        options.sort(Comparator.comparingDouble(Option::netSavings).reversed()
                .thenComparing(o -> o.target().name()));
        return options;
    }

    /** Enough target instances for the same throughput; the epsilon keeps 4.0000000001 from becoming 5. */
    static int targetCount(double currentPerformance, double targetPerformance) {
        return (int) Math.ceil(currentPerformance / targetPerformance - 1e-9);
    }

    private static Recommendation recommendation(Deployment d, List<Instance> running, String fromCloud, Option o,
                                                 Prediction predicted) {
        String fromType = CustomerContext.mostCommonType(running);
        List<String> ids = CustomerContext.ids(running);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("deployment_id", d.id());
        details.put("instance_ids", ids);
        details.put("from_cloud", fromCloud);
        details.put("from_instance_type", fromType);
        details.put("target_cloud", o.target().cloud());
        details.put("target_region", o.region());
        details.put("target_instance_type", o.target().name());
        details.put("target_count", o.count());
        details.put("target_market", InstancePrice.ON_DEMAND);
        details.put("data_transfer_gb_month", d.dataTransferGbMonth());
        details.put("egress_price_per_gb", o.egressPricePerGb());
        details.put("gross_savings", Money.round(o.grossSavings(), 2));
        details.put("egress_cost_monthly", Money.round(o.egressCost(), 2));
        Map<String, Object> improvement = new LinkedHashMap<>();
        improvement.put("gross_savings", Money.round(o.grossSavings(), 2));
        improvement.put("egress_cost_monthly", Money.round(o.egressCost(), 2));
        improvement.put("predicted_p95_ms", predicted.latencyP95Ms());
        return new Recommendation(TYPE, "Move " + d.id() + " from " + running.size() + " × " + fromType + " ("
                + fromCloud + ") to " + o.count() + " × " + o.target().name() + " (" + o.target().cloud() + " "
                + o.region() + ")", Risk.MEDIUM, o.netSavings(), improvement, ids, details);
    }
}
