package io.optiinfra.e2e.support.env;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the local and docker fault controls share: the registry of named targets, which of them are paused, the
 * teardown that resumes those, and the cleanup start that only starts a target that is not running.
 *
 * @param <T> how the mode reaches one target (a child process, a container)
 */
abstract class RegisteredFaultControl<T> implements FaultControl {
    private final Map<String, T> targets = new ConcurrentHashMap<>();
    /** Targets paused and not resumed yet. */
    protected final Set<String> paused = ConcurrentHashMap.newKeySet();

    void register(String name, T target) {
        targets.put(name, target);
    }

    @Override
    public Set<String> targets() {
        return new TreeSet<>(targets.keySet());
    }

    /** True while the target's process or container runs (paused counts as running). */
    protected abstract boolean running(String target);

    @Override
    public void startIfStopped(String target) {
        if (!running(target)) {
            start(target);
        }
    }

    /** Teardown: a paused target would not stop cleanly, so resume whatever a failed test left paused. */
    void resumeAll() {
        for (String target : Set.copyOf(paused)) {
            try {
                resume(target);
            } catch (RuntimeException e) {
                System.err.println("could not resume " + target + ": " + e.getMessage());
            }
        }
    }

    protected T require(String target) {
        T t = targets.get(target);
        if (t == null) {
            throw new IllegalArgumentException("no fault target " + target + "; have " + targets());
        }
        return t;
    }
}
