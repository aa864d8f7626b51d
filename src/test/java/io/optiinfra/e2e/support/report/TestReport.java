package io.optiinfra.e2e.support.report;

import com.aventstack.extentreports.ExtentTest;
import com.aventstack.extentreports.markuputils.ExtentColor;
import com.aventstack.extentreports.markuputils.MarkupHelper;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Static facade through which tests and the framework add evidence to the Extent test of the current thread.
 * Without a current test (e.g. in a {@code @BeforeSuite}) everything goes to stdout instead, so callers never need to
 * care whether the {@link ExtentReportListener} is registered.
 */
public final class TestReport {

    static final int MAX_BODY_CHARS = 4096;
    static final int MAX_ATTACHMENT_CHARS = 16_384;
    static final int MAX_TABLE_ROWS = 20;
    static final int MAX_CELL_CHARS = 200;
    /** Per phase, the first and the last exchanges are kept, so a long failing wait cannot push the first out. */
    static final int PHASE_HEAD = 15;
    static final int PHASE_TAIL = 25;
    static final int MAX_OBSERVED = 100;

    /*
     * Inheritable so that work a test hands to helper threads (Awaitility polls its condition on its own thread,
     * performance tests fan out on executors) still lands in that test's report.
     */
    private static final InheritableThreadLocal<Context> CURRENT = new InheritableThreadLocal<>();
    private static final ObjectMapper PRETTY = new ObjectMapper();
    private static volatile Function<Set<String>, Map<String, String>> failureAttachmentProvider = ids -> Map.of();

    private TestReport() {
    }

    /** A phase header such as "Arrange", "Act", "Wait", "Assert", "Prove in stores". */
    public static void step(String phase) {
        Context ctx = current();
        if (ctx != null) {
            ctx.phase(phase);
        }
        write("== " + phase + " ==", t -> t.info(MarkupHelper.createLabel(escape(phase), ExtentColor.BLUE)));
    }

    /**
     * While the returned handle is open, this test's HTTP exchanges and store reads are kept as evidence but not
     * written line by line: a wait polls dozens of times and reports itself as one line when it ends.
     */
    public static Collapsed collapse() {
        Context ctx = current();
        if (ctx == null) {
            return () -> { };
        }
        ctx.collapsed.incrementAndGet();
        return ctx.collapsed::decrementAndGet;
    }

    /** A collapsed section of the report; closing it cannot fail. */
    public interface Collapsed extends AutoCloseable {
        @Override
        void close();
    }

    /** Remembers a customer the current test created: failure evidence is filtered to it (logs, simulator state). */
    public static void customer(String customerId) {
        Context ctx = current();
        if (ctx != null && customerId != null) {
            ctx.customers.add(customerId);
        }
    }

    /**
     * A sink for messages the current test observes on another thread (WebSocket frames, Redis pub/sub messages):
     * bound to the test now, so callbacks on library threads still reach its report.
     */
    public static Consumer<String> observer(String source) {
        Context ctx = current();
        if (ctx == null) {
            return message -> { };
        }
        return message -> ctx.observe(source + ": " + message);
    }

    public static void info(String message) {
        write(message, t -> t.info(escape(message)));
    }

    /** Logs a one-line summary now; the bodies are kept and only written into the report if the test fails. */
    public static void http(String method, String uri, int status, String requestBody, String responseBody,
                            long millis) {
        String summary = String.format(Locale.ROOT, "%s %s -> %d (%d ms)", method, uri, status, millis);
        Context ctx = current();
        if (ctx == null) {
            stdout("http " + summary);
            return;
        }
        ctx.record(new Exchange(summary, requestBody, responseBody));
        if (ctx.collapsed.get() == 0) {
            ctx.write(t -> t.info("<code>" + escape(summary) + "</code>"));
        }
    }

    /** Renders the rows a test checked in a store (first {@value #MAX_TABLE_ROWS} rows). */
    public static void storeCheck(String store, String query, List<Map<String, Object>> rows) {
        List<Map<String, Object>> safeRows = rows == null ? List.of() : rows;
        String summary = String.format(Locale.ROOT, "[%s] %s -> %d row(s)", store, query, safeRows.size());
        Context ctx = current();
        if (ctx == null) {
            stdout("store " + summary);
            return;
        }
        if (ctx.collapsed.get() > 0) {
            return; // a poll inside a wait: the wait reports itself once
        }
        String[][] table = safeRows.isEmpty() ? null : toTable(safeRows);
        String more = safeRows.size() > MAX_TABLE_ROWS
                ? " (showing " + MAX_TABLE_ROWS + " of " + safeRows.size() + ")" : "";
        ctx.write(t -> {
            t.info("<b>" + escape(store) + "</b> <code>" + escape(query) + "</code> &rarr; "
                    + safeRows.size() + " row(s)" + more);
            if (table != null) {
                t.info(MarkupHelper.createTable(table, "table-sm"));
            }
        });
    }

    /** A performance figure, e.g. {@code metric("p95 latency", 812, "ms")}. */
    public static void metric(String name, double value, String unit) {
        String text = name + " = " + format(value) + (unit == null || unit.isBlank() ? "" : " " + unit);
        write("metric " + text, t -> t.info(MarkupHelper.createLabel("metric", ExtentColor.TEAL).getMarkup()
                + " <b>" + escape(text) + "</b>"));
    }

    /** Embeds a PNG (base64) in the current test, e.g. a browser screenshot. */
    public static void screenshot(String title, String base64Png) {
        write("screenshot " + title, t -> t.info(escape(title),
                com.aventstack.extentreports.MediaEntityBuilder.createScreenCaptureFromBase64String(base64Png, title)
                        .build()));
    }

    /** Attaches a text (page source, browser console) as an escaped code block, tail-truncated. */
    public static void attachText(String title, String text) {
        write(title + ":\n" + tail(text, 2000), t -> {
            t.info(MarkupHelper.createLabel(title, ExtentColor.GREY));
            t.info(MarkupHelper.createCodeBlock(escape(tail(text, MAX_ATTACHMENT_CHARS))));
        });
    }

    /** Embeds a PNG (a chart, a screenshot) in the current test, inline, so the report stays one self-contained file. */
    public static void image(String title, byte[] png) {
        String base64 = java.util.Base64.getEncoder().encodeToString(png);
        write("image " + title + " (" + png.length + " bytes)", t -> t.info(escape(title),
                com.aventstack.extentreports.MediaEntityBuilder.createScreenCaptureFromBase64String(base64, escape(title))
                        .build()));
    }

    /**
     * Called on failure with the customers the test created; returns attachments by name, e.g. service log lines
     * mentioning those customers and the simulator's state of their accounts.
     */
    public static void setFailureAttachmentProvider(Function<Set<String>, Map<String, String>> provider) {
        failureAttachmentProvider = provider == null ? ids -> Map.of() : provider;
    }

    /** True when evidence goes to a report test rather than stdout. */
    public static boolean hasCurrentTest() {
        return current() != null;
    }

    // ---- used by ExtentReportListener ----

    static Context open(ExtentTest test) {
        Context ctx = new Context(test);
        CURRENT.set(ctx);
        return ctx;
    }

    static void close(Context ctx) {
        ctx.closed = true;
        if (CURRENT.get() == ctx) {
            CURRENT.remove();
        }
    }

    /** Writes the kept HTTP exchanges (per phase), observed messages and failure attachments into the report. */
    static void writeFailureEvidence(Context ctx) {
        Map<String, PhaseLog> phases = ctx.drain();
        List<String> observed = ctx.observed();
        Map<String, String> attachments = attachments(Set.copyOf(ctx.customers));
        ctx.write(t -> {
            phases.forEach((phase, log) -> {
                t.info(MarkupHelper.createLabel("HTTP exchanges in phase '" + phase + "' (" + log.total() + ")",
                        ExtentColor.GREY));
                log.head().forEach(e -> writeExchange(t, e));
                if (log.omitted() > 0) {
                    t.info("... " + log.omitted() + " exchange(s) in the middle of this phase not kept ...");
                }
                log.tail().forEach(e -> writeExchange(t, e));
            });
            if (!observed.isEmpty()) {
                t.info(MarkupHelper.createLabel("Messages observed (WebSocket, Redis): " + observed.size(),
                        ExtentColor.GREY));
                t.info(MarkupHelper.createCodeBlock(escape(String.join("\n", observed))));
            }
            attachments.forEach((name, text) -> {
                t.info(MarkupHelper.createLabel(name, ExtentColor.GREY));
                t.info(MarkupHelper.createCodeBlock(escape(tail(text, MAX_ATTACHMENT_CHARS))));
            });
        });
    }

    private static void writeExchange(ExtentTest t, Exchange e) {
        t.info("<code>" + escape(e.summary()) + "</code>");
        t.info(MarkupHelper.createCodeBlock(body("request", e.requestBody()), body("response", e.responseBody())));
    }

    static String escape(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String truncate(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max) + "\n... [truncated, " + s.length() + " chars in total]";
    }

    private static String tail(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return "[... " + (s.length() - max) + " earlier chars omitted]\n" + s.substring(s.length() - max);
    }

    private static Map<String, String> attachments(Set<String> customers) {
        try {
            Map<String, String> provided = failureAttachmentProvider.apply(customers);
            return provided == null ? Map.of() : new LinkedHashMap<>(provided);
        } catch (RuntimeException e) {
            // A broken log collector must not hide the test's own failure.
            return Map.of("failure attachments unavailable", e.toString());
        }
    }

    private static String body(String label, String body) {
        if (body == null || body.isEmpty()) {
            return escape(label + ": (no body)");
        }
        return escape(label + ":\n" + truncate(pretty(body), MAX_BODY_CHARS));
    }

    private static String pretty(String body) {
        String trimmed = body.trim();
        if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) {
            return body;
        }
        try {
            return PRETTY.writerWithDefaultPrettyPrinter().writeValueAsString(PRETTY.readTree(trimmed));
        } catch (Exception notJson) {
            return body;
        }
    }

    private static String[][] toTable(List<Map<String, Object>> rows) {
        List<Map<String, Object>> shown = rows.subList(0, Math.min(rows.size(), MAX_TABLE_ROWS));
        Set<String> columns = new LinkedHashSet<>();
        shown.forEach(r -> columns.addAll(r.keySet()));
        List<String> header = new ArrayList<>(columns);
        String[][] table = new String[shown.size() + 1][header.size()];
        for (int c = 0; c < header.size(); c++) {
            table[0][c] = "<b>" + escape(header.get(c)) + "</b>";
        }
        for (int r = 0; r < shown.size(); r++) {
            for (int c = 0; c < header.size(); c++) {
                Object value = shown.get(r).get(header.get(c));
                table[r + 1][c] = escape(truncate(String.valueOf(value), MAX_CELL_CHARS));
            }
        }
        return table;
    }

    private static String format(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    private static void write(String plain, Consumer<ExtentTest> action) {
        Context ctx = current();
        if (ctx == null) {
            stdout(plain);
        } else {
            ctx.write(action);
        }
    }

    private static Context current() {
        Context ctx = CURRENT.get();
        return ctx == null || ctx.closed ? null : ctx;
    }

    private static void stdout(String line) {
        System.out.println("[report] " + line);
    }

    record Exchange(String summary, String requestBody, String responseBody) {
    }

    /** The exchanges of one phase: the first {@link #PHASE_HEAD}, the last {@link #PHASE_TAIL}, a count between. */
    record PhaseLog(List<Exchange> head, List<Exchange> tail, int omitted) {
        int total() {
            return head.size() + tail.size() + omitted;
        }
    }

    /** One running test: its Extent node plus the evidence kept in case it fails. */
    static final class Context {
        final ExtentTest test;
        final AtomicInteger collapsed = new AtomicInteger();
        final Set<String> customers = ConcurrentHashMap.newKeySet();
        private final Map<String, List<Exchange>> heads = new LinkedHashMap<>();
        private final Map<String, Deque<Exchange>> tails = new LinkedHashMap<>();
        private final Map<String, Integer> omitted = new LinkedHashMap<>();
        private final Deque<String> observed = new ArrayDeque<>();
        private String phase = "before the first phase";
        private int observedDropped;
        volatile boolean closed;

        Context(ExtentTest test) {
            this.test = Objects.requireNonNull(test);
        }

        /** ExtentReports 5 is not safe for concurrent logging, so every write goes through one lock. */
        void write(Consumer<ExtentTest> action) {
            synchronized (ExtentReportListener.LOCK) {
                action.accept(test);
            }
        }

        synchronized void phase(String name) {
            phase = name;
        }

        synchronized void record(Exchange exchange) {
            List<Exchange> head = heads.computeIfAbsent(phase, p -> new ArrayList<>());
            if (head.size() < PHASE_HEAD) {
                head.add(exchange);
                return;
            }
            Deque<Exchange> tail = tails.computeIfAbsent(phase, p -> new ArrayDeque<>());
            if (tail.size() == PHASE_TAIL) {
                tail.removeFirst();
                omitted.merge(phase, 1, Integer::sum);
            }
            tail.addLast(exchange);
        }

        synchronized void observe(String message) {
            if (observed.size() == MAX_OBSERVED) {
                observed.removeFirst();
                observedDropped++;
            }
            observed.addLast(message);
        }

        synchronized List<String> observed() {
            List<String> all = new ArrayList<>();
            if (observedDropped > 0) {
                all.add("(" + observedDropped + " earlier message(s) not kept)");
            }
            all.addAll(observed);
            return all;
        }

        synchronized Map<String, PhaseLog> drain() {
            Map<String, PhaseLog> phases = new LinkedHashMap<>();
            heads.forEach((name, head) -> phases.put(name, new PhaseLog(List.copyOf(head),
                    List.copyOf(tails.getOrDefault(name, new ArrayDeque<>())), omitted.getOrDefault(name, 0))));
            heads.clear();
            tails.clear();
            omitted.clear();
            return phases;
        }
    }
}
