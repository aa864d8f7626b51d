package io.optiinfra.cloudsim.deployments;

import io.optiinfra.cloudsim.catalog.InstanceType;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deterministic performance model of a vLLM deployment: pure static functions, no randomness, no state.
 *
 * <p>Inputs: the instances serving a variant (type, on-demand or spot, and a weight — 1 for an instance of its own,
 * a fraction for a share of a pool), the vLLM config, the quantization, the model name and the requests per second
 * sent to the variant. All latencies are relative to a 70B model on one AWS {@code p4d.24xlarge}.
 *
 * <pre>
 * kv_penalty    = 1 + 2 × max(0, 0.9 − gpu_memory_utilization)
 *                   + (max_num_seqs &lt; 128 ? 0.3 : 0) + (block_size &lt; 32 ? 0.1 : 0)
 *                 default config (0.7, 64, 16) → 1.8; tuned (0.9, 256, 32) → 1.0
 * quant_speed   = fp16 1.0 · fp8 0.75 · int8 0.8 · int4 0.6           (service-time factor; lower is faster)
 * model_scale   = clamp(parameters_B / 70, 0.1, 2.0), parsed from the model name ("...-13b-..." → 13/70);
 *                 1.0 when the name carries no size
 * capacity_rps  = BASE_CAPACITY_RPS (25) × relative_performance / kv_penalty / quant_speed / model_scale
 *                 per instance (× its weight); a variant's capacity is the sum over its instances
 * service_ms    = 700 / relative_performance × quant_speed × kv_penalty × model_scale
 *                 (capacity-weighted mean over the variant's instances)
 * u             = load_rps / capacity            (0 when there is no load; capped at 10; 10 without capacity)
 * p95           = service_ms × (1 + u²), and × u² more when u &gt; 1 (overloaded)
 * p99           = 1.45 × p95
 * error_rate    = u &gt; 1 ? min(1, 0.002 + (u − 1)) : 0.002 + Σ(weight × spot × interruption_rate) / Σ weight × 0.1
 *                 (1.0 when there is load but no capacity)
 * throughput    = min(load_rps, capacity)
 * gpu_util      = min(0.99, 0.05 + 0.9 × u)      (0 without instances)
 * quality       = 0.92 × (fp16 1.0 · fp8 0.99 · int8 0.985 · int4 0.90)
 * </pre>
 *
 * The base capacity is 25 rps (not 10): with 10, six p4d.24xlarge at the default config serve only 33 rps, so the
 * reference fleet (aws-medium, 40 rps) would be overloaded at ≈ 4400 ms instead of the ≈ 1550 ms p95 that the
 * performance scenario starts from. With 25: default 1550 ms → KV tuning 750 ms → KV tuning + fp8 546 ms (2.8×).
 *
 * <p>Faults enter as two factors: {@code latencyFactor} multiplies p95/p99, {@code qualityFactor} multiplies the
 * quality score. {@link #blend} combines the stable and canary variants into the deployment's overall figures.
 */
public final class WorkloadModel {
    public static final double BASE_CAPACITY_RPS = 25.0;
    public static final double REFERENCE_SERVICE_MS = 700.0;
    public static final double REFERENCE_MODEL_PARAMS_B = 70.0;
    public static final double BASELINE_QUALITY = 0.92;
    public static final double BASE_ERROR_RATE = 0.002;
    public static final double SPOT_ERROR_FACTOR = 0.1;
    public static final double P99_OVER_P95 = 1.45;
    public static final double MAX_UTILISATION = 10.0;

    private static final Pattern MOE_SIZE = Pattern.compile("(\\d+)x(\\d+(?:\\.\\d+)?)b(?![a-z])");
    private static final Pattern SIZE = Pattern.compile("(?<![a-z0-9.])(\\d+(?:\\.\\d+)?)b(?![a-z])");

    private WorkloadModel() {}

    /** An instance (or a weighted share of one) serving a variant. */
    public record Node(InstanceType type, boolean spot, double weight) {}

    /** What a variant runs and what it is asked to serve. */
    public record Variant(List<Node> nodes, VllmConfig config, String quantization, String model, double loadRps,
                          InstanceType fallbackType) {
        public Variant {
            nodes = List.copyOf(nodes);
        }
    }

    /** The modelled figures of one variant (or a blend). */
    public record Performance(double latencyP95Ms, double latencyP99Ms, double throughputRps, double errorRate,
                              double qualityScore, double gpuUtilization, double utilisation, double capacityRps,
                              double weight) {}

    public static double kvPenalty(VllmConfig c) {
        return 1.0 + 2.0 * Math.max(0.0, 0.9 - c.gpuMemoryUtilization())
                + (c.maxNumSeqs() < 128 ? 0.3 : 0.0)
                + (c.blockSize() < 32 ? 0.1 : 0.0);
    }

    public static double quantSpeed(String quantization) {
        return switch (quantization) {
            case Quantization.FP16 -> 1.0;
            case Quantization.FP8 -> 0.75;
            case Quantization.INT8 -> 0.8;
            case Quantization.INT4 -> 0.6;
            default -> throw new IllegalArgumentException("unknown quantization " + quantization);
        };
    }

    public static double qualityFactor(String quantization) {
        return switch (quantization) {
            case Quantization.FP16 -> 1.0;
            case Quantization.FP8 -> 0.99;
            case Quantization.INT8 -> 0.985;
            case Quantization.INT4 -> 0.90;
            default -> throw new IllegalArgumentException("unknown quantization " + quantization);
        };
    }

    /** Model size relative to 70B, from the name ({@code Llama-2-13b-chat-hf} → 13/70, {@code 8x7B} → 56/70). */
    public static double modelScale(String model) {
        if (model == null) {
            return 1.0;
        }
        String name = model.toLowerCase(Locale.ROOT);
        double params = -1;
        Matcher moe = MOE_SIZE.matcher(name);
        if (moe.find()) {
            params = Double.parseDouble(moe.group(1)) * Double.parseDouble(moe.group(2));
        } else {
            Matcher size = SIZE.matcher(name);
            if (size.find()) {
                params = Double.parseDouble(size.group(1));
            }
        }
        if (params <= 0) {
            return 1.0;
        }
        return Math.max(0.1, Math.min(2.0, params / REFERENCE_MODEL_PARAMS_B));
    }

    /** Requests per second one instance of {@code type} serves. */
    public static double capacityRps(InstanceType type, VllmConfig config, String quantization, String model) {
        return BASE_CAPACITY_RPS * type.relativePerformance() / kvPenalty(config) / quantSpeed(quantization)
                / modelScale(model);
    }

    /** Unloaded p95 service time on {@code type}. */
    public static double serviceMs(InstanceType type, VllmConfig config, String quantization, String model) {
        return REFERENCE_SERVICE_MS / type.relativePerformance() * quantSpeed(quantization) * kvPenalty(config)
                * modelScale(model);
    }

    /** p95 at utilisation {@code u}: queueing growth, and a further u² once overloaded. */
    public static double p95(double serviceMs, double u) {
        double p95 = serviceMs * (1.0 + u * u);
        return u > 1.0 ? p95 * u * u : p95;
    }

    public static double gpuUtilization(double u) {
        return Math.min(0.99, 0.05 + 0.9 * u);
    }

    /** Evaluates one variant; faults enter as multiplicative latency and quality factors. */
    public static Performance evaluate(Variant v, double latencyFactor, double qualityFactor) {
        double capacity = 0;
        double weightedService = 0;
        double weight = 0;
        double spotRisk = 0;
        for (Node n : v.nodes()) {
            double cap = n.weight() * capacityRps(n.type(), v.config(), v.quantization(), v.model());
            capacity += cap;
            weightedService += cap * serviceMs(n.type(), v.config(), v.quantization(), v.model());
            weight += n.weight();
            spotRisk += n.spot() ? n.weight() * n.type().spotInterruptionRate() : 0;
        }
        double service;
        if (capacity > 0) {
            service = weightedService / capacity;
        } else if (!v.nodes().isEmpty()) {
            service = v.nodes().stream()
                    .mapToDouble(n -> serviceMs(n.type(), v.config(), v.quantization(), v.model()))
                    .average().orElseThrow();
        } else {
            service = serviceMs(v.fallbackType(), v.config(), v.quantization(), v.model());
        }
        double load = Math.max(0, v.loadRps());
        double u = load == 0 ? 0 : capacity > 0 ? Math.min(MAX_UTILISATION, load / capacity) : MAX_UTILISATION;
        double p95 = p95(service, u) * latencyFactor;
        double errorRate;
        if (load > 0 && capacity == 0) {
            errorRate = 1.0;
        } else if (u > 1.0) {
            errorRate = Math.min(1.0, BASE_ERROR_RATE + (u - 1.0));
        } else {
            double spotShareTimesRate = weight > 0 ? spotRisk / weight : 0;
            errorRate = BASE_ERROR_RATE + spotShareTimesRate * SPOT_ERROR_FACTOR;
        }
        double quality = BASELINE_QUALITY * qualityFactor(v.quantization()) * qualityFactor;
        double gpu = weight > 0 ? gpuUtilization(u) : 0;
        return new Performance(p95, P99_OVER_P95 * p95, Math.min(load, capacity), errorRate, quality, gpu, u,
                capacity, weight);
    }

    /**
     * Overall figures of a deployment split between two variants: latency, error rate and quality are weighted by
     * traffic share, throughput and capacity add up, GPU utilisation is weighted by the instances each variant runs
     * on (its {@code weight}).
     */
    public static Performance blend(Performance stable, double stableShare, Performance canary, double canaryShare) {
        double shares = stableShare + canaryShare;
        double s = shares > 0 ? stableShare / shares : 1.0;
        double c = 1.0 - s;
        double weight = stable.weight() + canary.weight();
        double gpu = weight > 0
                ? (stable.gpuUtilization() * stable.weight() + canary.gpuUtilization() * canary.weight()) / weight
                : 0;
        double capacity = stable.capacityRps() + canary.capacityRps();
        double throughput = stable.throughputRps() + canary.throughputRps();
        double u = capacity > 0 ? throughput / capacity : 0;
        return new Performance(
                s * stable.latencyP95Ms() + c * canary.latencyP95Ms(),
                s * stable.latencyP99Ms() + c * canary.latencyP99Ms(),
                throughput,
                s * stable.errorRate() + c * canary.errorRate(),
                s * stable.qualityScore() + c * canary.qualityScore(),
                gpu, u, capacity, weight);
    }
}
