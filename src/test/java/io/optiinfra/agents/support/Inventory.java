package io.optiinfra.agents.support;

import io.optiinfra.agents.shared.Deployment;
import io.optiinfra.agents.shared.Instance;
import io.optiinfra.agents.shared.InstancePrice;
import io.optiinfra.agents.shared.PriceBook;
import io.optiinfra.agents.shared.VllmSettings;

import java.util.ArrayList;
import java.util.List;

/** Hand-built inventories and catalogs for the pure calculations. */
public final class Inventory {
    private Inventory() {}

    public static List<Instance> instances(String deploymentId, String type, String market, int count) {
        List<Instance> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(new Instance(deploymentId + "-" + market + "-" + i, type, "aws", "us-east-1", market, "running",
                    deploymentId, "stable"));
        }
        return list;
    }

    public static Deployment deployment(String id, String type, boolean tolerant, double slo) {
        return new Deployment(id, "meta-llama/Llama-2-70b-chat-hf", "aws", "us-east-1", type, List.of(),
                new VllmSettings(0.7, 64, 16), "fp16", slo, 40, tolerant);
    }

    public static Deployment deployment(String id, VllmSettings config, String quantization, double slo) {
        return new Deployment(id, "m", "aws", "us-east-1", "p4d.24xlarge", List.of(), config, quantization, slo, 40,
                true);
    }

    /** A small made-up catalog: a big type, two cheaper ones, one other-cloud type, one risky spot type. */
    public static PriceBook catalog() {
        return new PriceBook(List.of(
                new InstancePrice("aws", "big", List.of("us-east-1"), 30.0, 10.0, 0.05, 20.0),
                new InstancePrice("aws", "mid", List.of("us-east-1"), 6.0, 2.5, 0.07, null),
                new InstancePrice("aws", "small", List.of("us-east-1"), 1.0, 0.4, 0.12, null),
                new InstancePrice("aws", "elsewhere", List.of("eu-west-1"), 0.5, 0.2, 0.05, null),
                new InstancePrice("gcp", "cheap-gcp", List.of("us-central1"), 0.3, 0.1, 0.05, null)));
    }
}
