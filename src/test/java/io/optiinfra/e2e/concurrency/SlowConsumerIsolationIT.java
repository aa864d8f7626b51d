package io.optiinfra.e2e.concurrency;

import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.client.EventSocket;
import io.optiinfra.e2e.support.client.StalledSocket;
import io.optiinfra.e2e.support.fixtures.Onboarding;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.report.TestReport;
import io.optiinfra.e2e.support.wait.TimeBounds;
import io.optiinfra.e2e.support.wait.WaitHelper;
import io.restassured.response.Response;
import org.testng.annotations.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Live channels are isolated: customer A's socket whose reader stopped (a frozen tab) must neither delay customer
 * B's live events nor be held open by the server. A's flood is big enough to fill every buffer between the platform
 * and the stalled reader, so a fan-out that waits on A's socket stops delivering to everyone.
 */
@Test(groups = {Groups.CONCURRENCY, Groups.FLOOD}, dependsOnGroups = Groups.SMOKE)
public class SlowConsumerIsolationIT extends SuiteBase {
    /**
     * Events published for A. Each is ~1.2 KB on the wire ({@link #bigLabel}), so 6000 are ~7 MB: more than the
     * server's socket send buffer (Linux autotunes it up to net.ipv4.tcp_wmem's 4 MB), the stalled reader's few
     * kilobytes of receive window and the platform's per-socket queue (1000 messages by default) together.
     */
    private static final int FLOOD_EVENTS = 6_000;
    private static final int FLOOD_THREADS = 4;
    private static final Duration FLOOD_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    public void aStalledSocketNeitherDelaysAnotherCustomerNorStaysOpen() throws Exception {
        TestReport.step("Arrange: customers A and B with a connected runtime each (its connect call publishes an event)");
        TestCustomer a = newCustomer("Stalled Reader Co");
        TestCustomer b = newCustomer("Live Bystander Co");
        String aToken = Onboarding.connectRuntime(api(), a, "aws", "us-east-1");
        String bToken = Onboarding.connectRuntime(api(), b, "aws", "us-east-1");
        String url = env().orchestratorUrl();
        ExecutorService flooders = Executors.newFixedThreadPool(FLOOD_THREADS);
        try (EventSocket bSocket = EventSocket.open(url, b.customerId(), b.accessToken());
             StalledSocket aStalled = StalledSocket.open(url, a.customerId(), a.accessToken())) {
            WaitHelper.until("B's socket says connected", TimeBounds.LIVE_EVENT_DELIVERY, bSocket::messages,
                    m -> !m.isEmpty() && m.get(0).contains("\"type\":\"connected\""));

            TestReport.step("Act: " + FLOOD_EVENTS + " events for A while nobody reads A's socket; B's events meanwhile");
            AtomicInteger published = new AtomicInteger();
            AtomicReference<String> refused = new AtomicReference<>();
            long floodStart = System.nanoTime();
            CompletableFuture<Void> flood = flood(flooders, a, aToken, published, refused);
            List<Long> latencies = new ArrayList<>();
            long floodMs;
            try (TestReport.Collapsed quiet = TestReport.collapse()) { // hundreds of probes: one line each, no exchanges
                do {
                    latencies.add(probe(b, bToken, bSocket, latencies.size(), published.get()));
                } while (!flood.isDone());
                flood.get(FLOOD_REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                floodMs = (System.nanoTime() - floodStart) / 1_000_000;
                // one more once every flood event is published: A is stalled for certain by now
                latencies.add(probe(b, bToken, bSocket, latencies.size(), published.get()));
            }

            TestReport.step("Assert: every flood event was accepted; B got each of its events within "
                    + TimeBounds.LIVE_EVENT_DELIVERY.toMillis() + " ms");
            assertThat("first refused flood request: " + refused.get(), published.get(), equalTo(FLOOD_EVENTS));
            TestReport.metric("flood events published per second", FLOOD_EVENTS * 1000.0 / floodMs, "1/s");
            TestReport.metric("B live event latency, max", latencies.stream().mapToLong(Long::longValue).max()
                    .orElseThrow(), "ms");
            TestReport.info("B's live event latencies (ms), " + latencies.size() + " probes: " + latencies);
            assertThat("probes of B during the flood", latencies.size(), greaterThan(1));

            TestReport.step("Assert: the server closed A's stalled socket instead of holding it");
            StalledSocket.Drained drained = aStalled.drain((int) TimeBounds.SLOW_CONSUMER_DROP.toMillis());
            TestReport.info(aStalled + " drained: " + drained);
            assertThat(aStalled + " still open " + TimeBounds.SLOW_CONSUMER_DROP.toMillis() + " ms after a flood of "
                    + FLOOD_EVENTS + " events it never read (" + drained.messages()
                    + " messages were waiting in it): the server holds a socket nobody reads", drained.ending(),
                    notNullValue());
            assertThat("first frame on A's socket", drained.firstMessage(), containsString("\"type\":\"connected\""));
            // fewer than connected + the whole flood: the server dropped the socket mid-flood. All of them would mean
            // the buffers on the way held the whole flood (a host with larger TCP buffers): A never stalled at all.
            assertThat("messages A's socket delivered before the server let it go (" + drained.ending() + "); all "
                    + (FLOOD_EVENTS + 1) + " means the flood fitted into the buffers and proves nothing: raise "
                    + "FLOOD_EVENTS", drained.messages(), lessThan(FLOOD_EVENTS + 1));
            if (drained.closeCode() != null) {
                assertThat("close code of a slow consumer", drained.closeCode(), equalTo(4408));
            }
        } finally {
            flooders.shutdownNow();
        }
    }

    /**
     * One event of B (its runtime connects again with a marker as hostname) and the time from the platform's answer
     * — the event is published before it — to its frame on B's socket.
     */
    private long probe(TestCustomer b, String bToken, EventSocket bSocket, int index, int floodPublished) {
        String marker = "b-probe-" + index + "-" + b.customerId().substring(0, 8);
        Response connect = api().withToken(bToken).connectRuntime(b.customerId(), bToken, marker, "1.0.0");
        assertThat("B's runtime connect: " + connect.asString(), connect.statusCode(), equalTo(200));
        long answered = System.nanoTime();
        WaitHelper.until("B's live event " + marker + " on B's socket, published after " + floodPublished + " of "
                        + FLOOD_EVENTS + " flood events for A whose socket nobody reads",
                TimeBounds.LIVE_EVENT_DELIVERY, Duration.ofMillis(20), () -> Seen.of(bSocket, marker), Seen::arrived);
        return (System.nanoTime() - answered) / 1_000_000;
    }

    /** What B's socket had received at one poll (its toString is the wait's "last observed"). */
    private record Seen(boolean arrived, int messages, String last) {
        static Seen of(EventSocket socket, String marker) {
            List<String> messages = socket.messages();
            String last = messages.isEmpty() ? "none" : messages.get(messages.size() - 1);
            return new Seen(messages.stream().anyMatch(m -> m.contains(marker)), messages.size(),
                    last.length() > 300 ? last.substring(0, 300) + "…" : last);
        }

        @Override
        public String toString() {
            return "B's socket " + (arrived ? "has" : "lacks") + " the event; " + messages + " messages, last: " + last;
        }
    }

    /**
     * A's runtime connects {@link #FLOOD_EVENTS} times, {@link #FLOOD_THREADS} calls at a time. The JDK client, not
     * the suite's REST Assured one: thousands of reported exchanges would cost more CPU than the platform's work.
     */
    private CompletableFuture<Void> flood(ExecutorService pool, TestCustomer a, String token, AtomicInteger published,
                                          AtomicReference<String> refused) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String body = "{\"customer_id\":\"" + a.customerId() + "\",\"agent_token\":\"" + token + "\",\"hostname\":\""
                + bigLabel(255) + "\",\"version\":\"" + bigLabel(64) + "\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(env().orchestratorUrl() + "/agent-runtime/connect"))
                .timeout(FLOOD_REQUEST_TIMEOUT).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        AtomicInteger remaining = new AtomicInteger(FLOOD_EVENTS);
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int t = 0; t < FLOOD_THREADS; t++) {
            workers.add(CompletableFuture.runAsync(() -> {
                while (remaining.getAndDecrement() > 0 && refused.get() == null) {
                    try {
                        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (answer.statusCode() == 200) {
                            published.incrementAndGet();
                        } else {
                            refused.compareAndSet(null, "HTTP " + answer.statusCode() + " " + answer.body());
                        }
                    } catch (java.io.IOException e) {
                        refused.compareAndSet(null, e.toString());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }, pool));
        }
        return CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new));
    }

    /**
     * A label of {@code length} characters the platform accepts as hostname/version: CJK characters, three bytes
     * each in UTF-8, so one event carries ~1.2 KB with the fields' length limits (255 and 64 characters).
     */
    private static String bigLabel(int length) {
        return "服务器".repeat(length / 3 + 1).substring(0, length);
    }
}
