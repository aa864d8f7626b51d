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
import java.util.function.Consumer;
import java.util.function.Supplier;

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
    static final int MAX_BUFFERED_EXCHANGES = 200;

    /*
     * Inheritable so that work a test hands to helper threads (Awaitility polls its condition on its own thread,
     * performance tests fan out on executors) still lands in that test's report.
     */
    private static final InheritableThreadLocal<Context> CURRENT = new InheritableThreadLocal<>();
    private static final ObjectMapper PRETTY = new ObjectMapper();
    private static volatile Supplier<Map<String, String>> failureAttachmentProvider = Map::of;

    private TestReport() {
    }

    /** A phase header such as "Arrange", "Act", "Wait", "Assert", "Prove in stores". */
    public static void step(String phase) {
        write("== " + phase + " ==", t -> t.info(MarkupHelper.createLabel(escape(phase), ExtentColor.BLUE)));
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
        ctx.write(t -> t.info("<code>" + escape(summary) + "</code>"));
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

    /** Called on failure; returns e.g. service log tails keyed by service name. */
    public static void setFailureAttachmentProvider(Supplier<Map<String, String>> provider) {
        failureAttachmentProvider = provider == null ? Map::of : provider;
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

    /** Writes the buffered HTTP bodies and the failure attachments into the test's report. */
    static void writeFailureEvidence(Context ctx) {
        List<Exchange> exchanges = ctx.drain();
        int dropped = ctx.dropped();
        Map<String, String> attachments = attachments();
        ctx.write(t -> {
            if (!exchanges.isEmpty()) {
                t.info(MarkupHelper.createLabel("HTTP exchanges (" + exchanges.size() + ")", ExtentColor.GREY));
                if (dropped > 0) {
                    t.info(dropped + " earlier exchange(s) were not kept");
                }
            }
            for (Exchange e : exchanges) {
                t.info("<code>" + escape(e.summary()) + "</code>");
                t.info(MarkupHelper.createCodeBlock(body("request", e.requestBody()), body("response", e.responseBody())));
            }
            attachments.forEach((name, text) -> {
                t.info(MarkupHelper.createLabel(name, ExtentColor.GREY));
                t.info(MarkupHelper.createCodeBlock(escape(tail(text, MAX_ATTACHMENT_CHARS))));
            });
        });
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

    private static Map<String, String> attachments() {
        try {
            Map<String, String> provided = failureAttachmentProvider.get();
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

    /** One running test: its Extent node plus the HTTP bodies kept in case it fails. */
    static final class Context {
        final ExtentTest test;
        private final Deque<Exchange> exchanges = new ArrayDeque<>();
        private int dropped;
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

        synchronized void record(Exchange exchange) {
            if (exchanges.size() == MAX_BUFFERED_EXCHANGES) {
                exchanges.removeFirst();
                dropped++;
            }
            exchanges.addLast(exchange);
        }

        synchronized List<Exchange> drain() {
            List<Exchange> all = new ArrayList<>(exchanges);
            exchanges.clear();
            return all;
        }

        synchronized int dropped() {
            return dropped;
        }
    }
}
