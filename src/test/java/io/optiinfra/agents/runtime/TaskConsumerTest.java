package io.optiinfra.agents.runtime;

import io.optiinfra.store.RedisStore;
import org.testng.annotations.AfterClass;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

/** The consumer against a real Redis: group creation, ack, redelivery through XAUTOCLAIM, surviving a bad entry. */
public class TaskConsumerTest {
    private TestRedis server;
    private RedisStore store;
    private RedisClient redis;
    private TaskConsumer consumer;

    @BeforeClass
    public void startRedis() {
        server = new TestRedis();
        store = new RedisStore(server.url());
        redis = store.client();
    }

    @AfterClass(alwaysRun = true)
    public void stopRedis() {
        store.close();
        server.close();
    }

    @AfterMethod(alwaysRun = true)
    public void stopConsumer() {
        if (consumer != null) {
            consumer.close();
        }
    }

    private String start(EntryProcessor processor) {
        String agentType = "t" + UUID.randomUUID().toString().substring(0, 8);
        AgentIdentity identity = new AgentIdentity();
        identity.set("agent-" + agentType);
        consumer = new TaskConsumer(redis, agentType, identity, processor, new RuntimeStats(1), 100, 300);
        consumer.start(1);
        return agentType;
    }

    private void add(String agentType, String taskId) {
        redis.xadd(Streams.stream(agentType), StreamEntryID.NEW_ENTRY,
                Map.of("task_id", taskId, "customer_id", "c1", "analysis_type", "cost"));
    }

    private long pending(String agentType) {
        return redis.xpending(Streams.stream(agentType), Streams.group(agentType)).getTotal();
    }

    @Test
    public void createsTheGroupAndAcksHandledEntries() {
        List<String> seen = new CopyOnWriteArrayList<>();
        String type = start((fields, agent) -> seen.add(fields.get("task_id")));
        await("consumer group created").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> redis.exists(Streams.stream(type)));
        add(type, "task-1");
        add(type, "task-2");
        await("both entries handled and acked").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> seen.size() == 2 && pending(type) == 0);
        assertEquals(seen, List.of("task-1", "task-2"));
    }

    @Test
    public void aLeftEntryIsTakenOverAgainAfterTheIdleTime() {
        AtomicInteger attempts = new AtomicInteger();
        String type = start((fields, agent) -> attempts.incrementAndGet() >= 3);
        add(type, "task-retry");
        await("entry redelivered by XAUTOCLAIM until acked").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50)).until(() -> attempts.get() >= 3 && pending(type) == 0);
        assertEquals(attempts.get(), 3);
    }

    @Test
    public void entriesAddedBeforeTheGroupExistedAreConsumed() {
        String type = "t" + UUID.randomUUID().toString().substring(0, 8);
        add(type, "early");
        List<String> seen = new CopyOnWriteArrayList<>();
        AgentIdentity identity = new AgentIdentity();
        identity.set("agent-early");
        consumer = new TaskConsumer(redis, type, identity, (f, a) -> seen.add(f.get("task_id")), new RuntimeStats(1),
                100, 300);
        consumer.start(1);
        await("early entry consumed").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> seen.contains("early"));
    }

    @Test
    public void aProcessorBlowingUpDoesNotStopTheConsumer() {
        List<String> seen = new CopyOnWriteArrayList<>();
        String type = start((fields, agent) -> {
            if ("poison".equals(fields.get("task_id")) && !seen.contains("poison")) {
                seen.add("poison");
                throw new IllegalStateException("boom");
            }
            seen.add(fields.get("task_id"));
            return true;
        });
        add(type, "poison");
        add(type, "after");
        await("later entries still handled").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> seen.contains("after") && pending(type) == 0);
        assertTrue(seen.indexOf("poison") < seen.indexOf("after"));
    }
}
