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
