package io.optiinfra.cloudsim.deployments;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.optiinfra.common.ApiException;

import java.util.Set;

/**
 * The vLLM engine settings the workload model reacts to. In request bodies every field is optional: a partial
 * config is merged over the current one with {@link #overriddenBy}.
 */
public record VllmConfig(
        @JsonProperty("gpu_memory_utilization") Double gpuMemoryUtilization,
        @JsonProperty("max_num_seqs") Integer maxNumSeqs,
        @JsonProperty("block_size") Integer blockSize) {

    /** The untuned configuration the fleets start with: a small KV cache, few concurrent sequences, small blocks. */
    public static final VllmConfig DEFAULT = new VllmConfig(0.7, 64, 16);
    /** The KV-cache-tuned configuration. */
    public static final VllmConfig TUNED = new VllmConfig(0.9, 256, 32);

    private static final Set<Integer> BLOCK_SIZES = Set.of(8, 16, 32, 64, 128);

    /** This config with the non-null fields of {@code patch} replacing its own. */
    public VllmConfig overriddenBy(VllmConfig patch) {
        if (patch == null) {
            return this;
        }
        return new VllmConfig(
                patch.gpuMemoryUtilization != null ? patch.gpuMemoryUtilization : gpuMemoryUtilization,
                patch.maxNumSeqs != null ? patch.maxNumSeqs : maxNumSeqs,
                patch.blockSize != null ? patch.blockSize : blockSize);
    }

    /** Checks a complete config; a 400 names the first bad field. */
    public VllmConfig validated() {
        if (gpuMemoryUtilization == null || maxNumSeqs == null || blockSize == null) {
            throw ApiException.badRequest("vllm_config needs gpu_memory_utilization, max_num_seqs and block_size");
        }
        if (!(gpuMemoryUtilization >= 0.05 && gpuMemoryUtilization <= 1.0)) {
            throw ApiException.badRequest("vllm_config.gpu_memory_utilization must be within 0.05..1.0");
        }
        if (maxNumSeqs < 1 || maxNumSeqs > 4096) {
            throw ApiException.badRequest("vllm_config.max_num_seqs must be within 1..4096");
        }
        if (!BLOCK_SIZES.contains(blockSize)) {
            throw ApiException.badRequest("vllm_config.block_size must be one of " + BLOCK_SIZES);
        }
        return this;
    }
}
