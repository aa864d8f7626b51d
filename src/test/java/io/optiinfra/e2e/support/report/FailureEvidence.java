package io.optiinfra.e2e.support.report;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a failed test gets attached beyond its own requests: the service log lines that mention its customers (every
 * log under the environment's log directory, PostgreSQL's included) and the cloud simulator's state of their
 * accounts. A test that created no customer gets the plain log tails.
 */
public final class FailureEvidence {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private FailureEvidence() {}

    /** Per log file, its last {@code lines} lines mentioning one of {@code customers} (or the tail when none). */
    public static Map<String, String> logLines(Path logDir, Set<String> customers, int lines) {
        Map<String, String> out = new LinkedHashMap<>();
        if (logDir == null || !Files.isDirectory(logDir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(logDir)) {
            for (Path log : files.filter(Files::isRegularFile).sorted().toList()) {
                List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
                List<String> picked = customers.isEmpty() ? all
                        : all.stream().filter(line -> customers.stream().anyMatch(line::contains)).toList();
                if (!picked.isEmpty()) {
                    String label = customers.isEmpty() ? "log tail: " : "log lines of this test's customers: ";
                    out.put(label + log.getFileName(), String.join("\n",
                            picked.subList(Math.max(0, picked.size() - lines), picked.size())));
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            out.put("logs unavailable", e.toString());
        }
        return out;
    }

    /** The simulator's instances, deployments and faults of each customer's account (its control API). */
    public static Map<String, String> simulatorState(String simulatorUrl, Set<String> customers) {
        Map<String, String> out = new LinkedHashMap<>();
        if (simulatorUrl == null) {
            return out;
        }
        for (String customer : customers) {
            List<String> parts = new ArrayList<>();
            for (String path : List.of("/accounts/" + customer + "/instances", "/accounts/" + customer + "/deployments",
                    "/control/faults?customer_id=" + customer)) {
                parts.add("GET " + path + "\n" + get(simulatorUrl + path));
            }
            out.put("cloud simulator state of account " + customer, String.join("\n\n", parts));
        }
        return out;
    }

    private static String get(String url) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return "HTTP " + response.statusCode() + " " + response.body();
        } catch (IOException e) {
            return "unreachable: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
