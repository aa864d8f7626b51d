package io.optiinfra.orchestrator.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.optiinfra.common.Json;
import io.optiinfra.store.Postgres;
import io.optiinfra.store.RedisStore;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Records a state change in the audit trail (PostgreSQL) and publishes it on the customer's Redis channel. */
public final class EventBus {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EventBus.class);
    private final Postgres pg;
    private final RedisStore redis;

    public EventBus(Postgres pg, RedisStore redis) {
        this.pg = pg;
        this.redis = redis;
    }

    public void publish(UUID customerId, String type, String source, Map<String, ?> payload) {
        String payloadJson = Json.write(payload);
        Map<String, Object> row = pg.queryOne(
                "INSERT INTO events (customer_id, type, source, payload) VALUES (?, ?, ?, ?::jsonb) "
                        + "RETURNING id, created_at", customerId, type, source, payloadJson).orElseThrow();
        ObjectNode event = Json.object();
        event.put("id", ((Number) row.get("id")).longValue());
        event.put("type", type);
        event.put("customer_id", customerId == null ? null : customerId.toString());
        event.put("source", source);
        event.set("payload", Json.MAPPER.valueToTree(payload));
        event.put("timestamp", Instant.now().toString());
        if (customerId != null) {
            try {
                redis.client().publish(RedisStore.customerChannel(customerId.toString()), event.toString());
            } catch (RuntimeException e) {
                // the audit row above is the record; live fan-out is lossy by nature and must not undo the change
                LOG.warn("event {} of customer {} recorded but not published live: {}", type, customerId, e.getMessage());
            }
        }
    }
}
