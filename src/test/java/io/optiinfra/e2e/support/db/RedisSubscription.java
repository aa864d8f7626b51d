package io.optiinfra.e2e.support.db;

import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.RedisClient;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Listens on one Redis pub/sub channel in a background thread and keeps every message received. */
public final class RedisSubscription implements AutoCloseable {
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final CountDownLatch subscribed = new CountDownLatch(1);
    /** Bound to the test that subscribed: messages arrive on the subscriber's own thread. */
    private final java.util.function.Consumer<String> observer;
    private final JedisPubSub listener = new JedisPubSub() {
        @Override
        public void onMessage(String channel, String message) {
            observer.accept(message);
            messages.add(message);
        }

        @Override
        public void onSubscribe(String channel, int subscribedChannels) {
            subscribed.countDown();
        }
    };
    private final String channel;

    private RedisSubscription(String channel) {
        this.channel = channel;
        this.observer = io.optiinfra.e2e.support.report.TestReport.observer("redis " + channel);
    }

    static RedisSubscription open(RedisClient redis, String channel) {
        RedisSubscription subscription = new RedisSubscription(channel);
        Thread thread = new Thread(() -> redis.subscribe(subscription.listener, channel), "redis-sub-" + channel);
        thread.setDaemon(true);
        thread.start();
        try {
            if (!subscription.subscribed.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("could not subscribe to " + channel + " within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while subscribing to " + channel, e);
        }
        return subscription;
    }

    public String channel() {
        return channel;
    }

    /** A snapshot of the messages received so far, oldest first. */
    public List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void close() {
        if (listener.isSubscribed()) {
            listener.unsubscribe();
        }
    }
}
