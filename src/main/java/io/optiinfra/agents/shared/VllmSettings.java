package io.optiinfra.agents.shared;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/** The vLLM engine settings of a deployment, as the simulator reports them. */
public record VllmSettings(double gpuMemoryUtilization, int maxNumSeqs, int blockSize) {
    /** The KV-cache-tuned configuration. */
    public static final VllmSettings TUNED = new VllmSettings(0.9, 256, 32);

    public static VllmSettings parse(JsonNode node) {
        return new VllmSettings(node.path("gpu_memory_utilization").asDouble(0.9),
                node.path("max_num_seqs").asInt(256), node.path("block_size").asInt(32));
    }

    /** Each setting raised to at least the tuned value (never lowers a setting that is already higher). */
    public VllmSettings tuned() {
        return new VllmSettings(Math.max(gpuMemoryUtilization, TUNED.gpuMemoryUtilization),
                Math.max(maxNumSeqs, TUNED.maxNumSeqs), Math.max(blockSize, TUNED.blockSize));
    }

    public boolean isTuned() {
        return gpuMemoryUtilization >= TUNED.gpuMemoryUtilization && maxNumSeqs >= TUNED.maxNumSeqs
                && blockSize >= TUNED.blockSize;
    }

    public VllmSettings withMaxNumSeqs(int value) {
        return new VllmSettings(gpuMemoryUtilization, value, blockSize);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("gpu_memory_utilization", gpuMemoryUtilization);
        map.put("max_num_seqs", maxNumSeqs);
        map.put("block_size", blockSize);
        return map;
    }
}
