package io.optiinfra.e2e.support.perf;

import org.HdrHistogram.Histogram;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-model load generator: requests start on a fixed schedule (rate per second) whatever the answers do, and
 * each latency is measured from the request's <em>intended</em> start, so a stalled server shows up as latency rather
 * than as fewer requests (no coordinated omission). Requests rotate over the given routes; each route gets its own
 * HdrHistogram. A request that fails or answers anything but its expected status counts as an error.
 */
public final class OpenModelLoad {
    /** One route of the mix: a name for the report, how to build the request, the status it must answer. */
    public record Route(String name, java.util.function.Supplier<HttpRequest> request, int expectedStatus) {}

    /** What one step measured: per route, and for the whole mix (with its histogram, for the distribution chart). */
    public record Step(int rate, List<LatencyFigures> routes, LatencyFigures all, Histogram allMicros) {}

    private static final long HIGHEST_TRACKABLE_MICROS = TimeUnit.MINUTES.toMicros(2);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Runs {@code rate} requests/s for {@code duration} over {@code routes} (the mix is named {@code mixName}). */
    public Step run(String mixName, List<Route> routes, int rate, Duration duration) {
        Histogram all = new Histogram(HIGHEST_TRACKABLE_MICROS, 3);
        Map<String, Histogram> histograms = new LinkedHashMap<>();
        Map<String, AtomicLong> errors = new LinkedHashMap<>();
        routes.forEach(r -> {
            histograms.put(r.name(), new Histogram(HIGHEST_TRACKABLE_MICROS, 3));
            errors.put(r.name(), new AtomicLong());
        });
        long total = rate * duration.toMillis() / 1000;
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        List<CompletableFuture<Void>> inFlight = new ArrayList<>();
        for (long i = 0; i < total; i++) {
            long intended = start + i * intervalNanos;
            LockSupport.parkNanos(intended - System.nanoTime()); // pacing the schedule, not waiting for work
            Route route = routes.get((int) (i % routes.size()));
            inFlight.add(http.sendAsync(route.request().get(), HttpResponse.BodyHandlers.discarding())
                    .handle((response, failure) -> {
                        long micros = (System.nanoTime() - intended) / 1000;
                        Histogram histogram = histograms.get(route.name());
                        synchronized (all) {
                            histogram.recordValue(Math.min(micros, HIGHEST_TRACKABLE_MICROS));
                            all.recordValue(Math.min(micros, HIGHEST_TRACKABLE_MICROS));
                        }
                        if (failure != null || response.statusCode() != route.expectedStatus()) {
                            errors.get(route.name()).incrementAndGet();
                        }
                        return null;
                    }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).orTimeout(2, TimeUnit.MINUTES).join();
        List<LatencyFigures> figures = new ArrayList<>();
        histograms.forEach((name, histogram) -> figures.add(LatencyFigures.of(name, rate, histogram, errors.get(name).get())));
        long allErrors = errors.values().stream().mapToLong(AtomicLong::get).sum();
        return new Step(rate, figures, LatencyFigures.of(mixName, rate, all, allErrors), all);
    }
}
