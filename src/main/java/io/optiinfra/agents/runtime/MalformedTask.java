package io.optiinfra.agents.runtime;

/** A task that can never succeed as sent (bad parameters, unknown customer or recommendation): fail permanently. */
public final class MalformedTask extends Exception {
    public MalformedTask(String message) {
        super(message);
    }
}
