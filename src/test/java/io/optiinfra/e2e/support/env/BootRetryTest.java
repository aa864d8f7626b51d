package io.optiinfra.e2e.support.env;

import org.testng.annotations.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.expectThrows;

/** A process that exits before it is ready is started once more; its logs are kept; anything else is not retried. */
public class BootRetryTest {

    @Test
    public void anEarlyExitIsRetriedOnceWithItsLogsKeptAndRecorded() throws Exception {
        Path logs = Files.createTempDirectory("boot-retry");
        List<ManagedProcess> forgotten = new ArrayList<>();
        BootRetry retry = new BootRetry(logs, forgotten::add);
        List<Integer> attempts = new ArrayList<>();
        String result = retry.twice("clickhouse", attempt -> {
            attempts.add(attempt);
            if (attempt == 1) {
                ManagedProcess dying = exitingWith70(logs);
                dying.requireAlive(); // what a health wait does: the early exit surfaces here
            }
            return "up";
        });
        assertThat(result, is("up"));
        assertThat(attempts, contains(1, 2));
        assertThat(forgotten, hasSize(1));
        assertThat(retry.retries(), hasSize(1));
        assertThat(retry.retries().get(0), containsString("exited with 70"));
        assertThat("the error log's line in the recorded retry", retry.retries().get(0),
                containsString("Address already in use"));
        Path kept = logs.resolve("failed-attempts/clickhouse");
        assertThat(Files.readString(kept.resolve("store.err.log")), containsString("Address already in use"));
        assertThat("the next attempt writes a fresh log", Files.exists(logs.resolve("store.err.log")), is(false));
    }

    @Test
    public void aSecondEarlyExitFailsTheBoot() throws IOException {
        Path logs = Files.createTempDirectory("boot-retry");
        BootRetry retry = new BootRetry(logs, p -> { });
        IllegalStateException failure = expectThrows(IllegalStateException.class, () -> retry.twice("redis", attempt -> {
            exitingWith70(logs).requireAlive();
            return null;
        }));
        assertThat(failure.getMessage(), containsString("exited with 70"));
        assertThat("the first attempt's failure travels with the second", failure.getSuppressed().length, is(1));
    }

    @Test
    public void aFailureThatIsNotAnEarlyExitIsNotRetried() throws IOException {
        Path logs = Files.createTempDirectory("boot-retry");
        BootRetry retry = new BootRetry(logs, p -> { });
        List<Integer> attempts = new ArrayList<>();
        assertThrows(IllegalStateException.class, () -> retry.twice("orchestrator", attempt -> {
            attempts.add(attempt);
            throw new IllegalStateException("orchestrator healthy not reached within 180 s"); // alive but never ready
        }));
        assertThat(attempts, contains(1));
        assertThat(retry.retries(), empty());
    }

    /**
     * The cause of the CI boot failure "clickhouse exited with 70", on the real server: a port something else took
     * before ClickHouse bound it. The first attempt exits with 70 naming the address in its error log; the retry on
     * fresh ports answers /ping.
     */
    @Test
    public void clickHouseOnATakenPortExitsWith70AndTheRetryOnFreshPortsStarts() throws Exception {
        Path root = Files.createTempDirectory("clickhouse-retry");
        Path logs = root.resolve("logs");
        BootRetry retry = new BootRetry(logs, p -> { });
        List<ManagedProcess> started = new ArrayList<>();
        try (PortReservations ports = new PortReservations();
             java.net.ServerSocket squatter = new java.net.ServerSocket()) {
            int taken = ports.reserve();
            squatter.bind(new java.net.InetSocketAddress("127.0.0.1", taken));
            int httpPort = retry.twice("clickhouse", attempt -> {
                int http = ports.reserve();
                int tcp = attempt == 1 ? taken : ports.reserve();
                ManagedProcess clickhouse = ClickHouseProcess.start(root.resolve("ch-" + attempt), logs, http, tcp);
                started.add(clickhouse);
                awaitPing(clickhouse, http);
                return http;
            });
            assertThat(retry.retries(), hasSize(1));
            assertThat(retry.retries().get(0), containsString("clickhouse exited with 70"));
            assertThat(retry.retries().get(0), containsString("Address already in use: 127.0.0.1:" + taken));
            assertThat(Files.readString(logs.resolve("failed-attempts/clickhouse/clickhouse-server.err.log")),
                    containsString("Address already in use"));
            assertThat("the second attempt answers", ping(httpPort), is(200));
        } finally {
            ManagedProcess.closeAll(started);
        }
    }

    private static void awaitPing(ManagedProcess clickhouse, int port) {
        org.awaitility.Awaitility.await("clickhouse answering /ping on " + port).atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(50)).pollInSameThread()
                .until(() -> {
                    clickhouse.requireAlive(); // an exit surfaces as EarlyExit, as in the environment's health waits
                    return ping(port) == 200;
                });
    }

    private static int ping(int port) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + port + "/ping")).timeout(java.time.Duration.ofSeconds(2))
                    .build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** A process that writes an error log the way ClickHouse does, then exits with 70 (EX_SOFTWARE). */
    private static ManagedProcess exitingWith70(Path logs) throws IOException {
        Path errorLog = logs.resolve("store.err.log");
        ManagedProcess process = ManagedProcess.start("store", List.of("sh", "-c",
                        "echo 'Logging errors to " + errorLog + "'; "
                                + "echo 'Application: Net Exception: Address already in use: 127.0.0.1:20001' >> " + errorLog
                                + "; exit 70"),
                java.util.Map.of(), logs.resolve("work"), logs.resolve("store.out.log"), List.of(errorLog));
        process.awaitExit(10, TimeUnit.SECONDS);
        return process;
    }
}
