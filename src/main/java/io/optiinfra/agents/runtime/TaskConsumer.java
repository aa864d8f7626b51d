package io.optiinfra.agents.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Consumes this agent type's task stream as consumer {@code <agent_id>} of the group: XREADGROUP BLOCK COUNT 1 for
 * new entries and, every {@code task.claim.idle.ms}, XAUTOCLAIM (min idle = the same) for entries a dead agent, a
 * held claim or a transient failure left pending. Workers share the group, the schedule and the in-flight set.
 */
public final class TaskConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskConsumer.class);
    private static final StreamEntryID START = new StreamEntryID(0, 0);
    private static final int MAX_AUTOCLAIM_PER_ROUND = 100;
    private static final long MAX_BACKOFF_MS = 2_000;

    private final RedisClient redis;
    private final String stream;
    private final String group;
    private final AgentIdentity identity;
    private final EntryProcessor processor;
    private final RuntimeStats stats;
    private final int blockMs;
    private final long claimIdleMs;
    private final AtomicLong nextAutoclaimAt = new AtomicLong();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean groupReady;
    private volatile boolean closed;

    public TaskConsumer(RedisClient redis, String agentType, AgentIdentity identity, EntryProcessor processor,
                        RuntimeStats stats, int blockMs, long claimIdleMs) {
        this.redis = redis;
        this.stream = Streams.stream(agentType);
        this.group = Streams.group(agentType);
        this.identity = identity;
        this.processor = processor;
        this.stats = stats;
        this.blockMs = Math.max(1, Math.min(500, blockMs));
        this.claimIdleMs = Math.max(1, claimIdleMs);
    }

    public void start(int workerCount) {
        for (int i = 0; i < Math.max(1, workerCount); i++) {
            Thread t = new Thread(this::loop, "task-consumer-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    private void loop() {
        long backoff = 250;
        while (!closed) {
            try {
                String agentId = identity.await(500);
                if (agentId == null) {
                    continue;
                }
                ensureGroup();
                if (autoclaimDue()) {
                    autoclaim(agentId);
                }
                readNew(agentId);
                stats.streamHealthy(true);
                backoff = 250;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                if (e.getMessage() != null && e.getMessage().contains("NOGROUP")) {
                    groupReady = false; // the stream or group was deleted under us
                }
                stats.streamHealthy(false);
                LOG.warn("task stream {} unavailable ({}); retrying in {} ms", stream, e.getMessage(), backoff);
                if (!pause(backoff)) {
                    return;
                }
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            }
        }
    }

    /** From id 0 so tasks added before any agent started are not lost (claims drop the ones already done). */
    private void ensureGroup() {
        if (groupReady) {
            return;
        }
        try {
            redis.xgroupCreate(stream, group, START, true);
            LOG.info("created consumer group {} on {}", group, stream);
        } catch (JedisDataException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("BUSYGROUP")) {
                throw e;
            }
        }
        groupReady = true;
    }

    private boolean autoclaimDue() {
        long now = System.currentTimeMillis();
        long next = nextAutoclaimAt.get();
        return now >= next && nextAutoclaimAt.compareAndSet(next, now + claimIdleMs);
    }

    private void autoclaim(String agentId) {
        StreamEntryID cursor = START;
        for (int i = 0; i < MAX_AUTOCLAIM_PER_ROUND && !closed; i++) {
            Map.Entry<StreamEntryID, List<StreamEntry>> page = redis.xautoclaim(stream, group, agentId, claimIdleMs,
                    cursor, XAutoClaimParams.xAutoClaimParams().count(1));
            if (page == null) {
                return;
            }
            for (StreamEntry entry : page.getValue()) {
                if (entry != null && entry.getFields() != null) { // Redis 6.2 lists deleted entries as nil
                    LOG.info("took over pending entry {} ({})", entry.getID(), entry.getFields());
                    handle(entry, agentId);
                }
            }
            cursor = page.getKey();
            if (cursor == null || START.equals(cursor)) {
                return;
            }
        }
    }

    private void readNew(String agentId) {
        List<Map.Entry<String, List<StreamEntry>>> read = redis.xreadGroup(group, agentId,
                XReadGroupParams.xReadGroupParams().count(1).block(blockMs),
                Map.of(stream, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
        if (read == null) {
            return;
        }
        for (Map.Entry<String, List<StreamEntry>> perStream : read) {
            for (StreamEntry entry : perStream.getValue()) {
                handle(entry, agentId);
            }
        }
    }

    private void handle(StreamEntry entry, String agentId) {
        boolean ack;
        try {
            ack = processor.process(entry.getFields(), agentId);
        } catch (RuntimeException e) {
            LOG.error("entry {} failed; leaving it pending for a later take-over", entry.getID(), e);
            return;
        }
        if (ack) {
            redis.xack(stream, group, entry.getID());
        }
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis); // retry back-off while Redis is unreachable
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        workers.forEach(Thread::interrupt);
    }
}
