package io.optiinfra.e2e.support.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.remote.Augmenter;
import org.openqa.selenium.remote.RemoteWebDriver;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Browsers as sessions of a Selenium Grid ({@code -Dselenium.grid=<url>}, e.g. the one {@code make grid} starts). The
 * Grid's node decides the binary and driver (its stereotype); the session asks for the local browser's flags, minus
 * --user-data-dir: a path of this machine means nothing on a node, and chromedriver gives each session a fresh profile
 * of its own and deletes it at quit.
 *
 * <p>The pool's reset needs CDP. A RemoteWebDriver has no {@code executeCdpCommand}; {@link Augmenter} adds
 * {@link HasCdp} for a Chrome session (Selenium's own AddHasCdp), which posts to chromedriver's vendor endpoint
 * {@code /session/{id}/goog/cdp/execute} — the endpoint a local ChromeDriver uses too — and the Grid forwards every
 * session command to the node's chromedriver as it is. No CDP websocket (se:cdp) and no version-specific
 * selenium-devtools module is involved, so a Chromium newer than the client's CDP bindings is no problem.
 */
final class GridBrowserFactory implements BrowserFactory {
    /** Overrides how many sessions the pool opens at most (default: the Grid's Chrome slots, from /status). */
    static final String SESSIONS_PROPERTY = "selenium.grid.sessions";

    private final URL grid;
    private volatile int capacity;

    GridBrowserFactory(String url) {
        try {
            this.grid = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url).toURL();
        } catch (IllegalArgumentException | IOException e) {
            throw new IllegalArgumentException("-D" + GRID_PROPERTY + " is not a URL: " + url, e);
        }
    }

    @Override
    public Browser start() {
        long begin = System.nanoTime();
        RemoteWebDriver remote = new RemoteWebDriver(grid, BrowserFactory.baseOptions());
        try {
            WebDriver augmented = new Augmenter().augment(remote);
            if (!(augmented instanceof HasCdp cdp)) {
                throw new IllegalStateException("the Grid's session is not a Chromium one (no CDP endpoint to reset it"
                        + " with): " + remote.getCapabilities());
            }
            return Browser.ready(augmented, cdp, begin, "Grid " + grid + " session " + remote.getSessionId(), () -> { });
        } catch (RuntimeException e) {
            remote.quit();
            throw e;
        }
    }

    /**
     * The pool must never ask for more sessions than the Grid has slots: its idle browsers keep their sessions, so a
     * request beyond the slots would wait in the Grid's queue for a slot only the pool itself could free.
     */
    @Override
    public int capacity() {
        if (capacity == 0) {
            String configured = System.getProperty(SESSIONS_PROPERTY, "").trim();
            capacity = configured.isEmpty() ? chromeSlots(status()) : Integer.parseInt(configured);
        }
        return capacity;
    }

    @Override
    public String describe() {
        return "Selenium Grid " + grid;
    }

    private JsonNode status() {
        URI uri = URI.create(grid + "/status");
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
                            HttpResponse.BodyHandlers.ofString());
            return new ObjectMapper().readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("no Selenium Grid answers at " + uri + " (-D" + GRID_PROPERTY
                    + "; `make grid` starts one): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted asking " + uri, e);
        }
    }

    /** Slots for a Chrome session on nodes that are up; none (or a Grid not ready) is an error naming the answer. */
    static int chromeSlots(JsonNode status) {
        JsonNode value = status.path("value");
        int slots = 0;
        for (JsonNode node : value.path("nodes")) {
            if (!"UP".equals(node.path("availability").asText())) {
                continue;
            }
            for (JsonNode slot : node.path("slots")) {
                if ("chrome".equalsIgnoreCase(slot.path("stereotype").path("browserName").asText())) {
                    slots++;
                }
            }
        }
        if (!value.path("ready").asBoolean(false) || slots == 0) {
            throw new IllegalStateException("the Selenium Grid has no Chrome slot ready: "
                    + value.path("message").asText("(no message)") + " — nodes: " + value.path("nodes").size());
        }
        return slots;
    }
}
