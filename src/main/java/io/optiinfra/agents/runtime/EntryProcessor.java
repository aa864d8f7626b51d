package io.optiinfra.agents.runtime;

import java.util.Map;

/** Handles one stream entry for the consumer; answers whether to XACK it. {@link TaskRunner#run} is the real one. */
@FunctionalInterface
public interface EntryProcessor {
    boolean process(Map<String, String> fields, String agentId);
}
