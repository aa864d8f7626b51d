package io.optiinfra.e2e.support.portal;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * Debian's Chromium driven by Debian's chromedriver on this machine, both at explicit paths so Selenium Manager never
 * looks for (or downloads) a browser; a fresh profile directory per browser, deleted when it is closed.
 */
final class LocalBrowserFactory implements BrowserFactory {
    static final Path CHROMIUM = Path.of(System.getProperty("optiinfra.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("optiinfra.chromedriver", "/usr/bin/chromedriver"));

    @Override
    public Browser start() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("portal tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (apt packages chromium and chromium-driver: run `make setup`), or -D" + GRID_PROPERTY
                    + "=<url> for a Selenium Grid");
        }
        long begin = System.nanoTime();
        Path profile;
        try {
            profile = Files.createTempDirectory("optiinfra-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = BrowserFactory.baseOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            deleteProfile(profile);
            throw e;
        }
        // ChromeDriver is HasCdp itself: executeCdpCommand goes to chromedriver's goog/cdp/execute endpoint
        return Browser.ready(driver, driver, begin, "local Chromium", () -> deleteProfile(profile));
    }

    @Override
    public int capacity() {
        return Integer.MAX_VALUE;
    }

    @Override
    public String describe() {
        return "local Chromium (" + CHROMIUM + ")";
    }

    private static void deleteProfile(Path profile) {
        try (var paths = Files.walk(profile)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete browser profile " + profile + ": " + e.getMessage());
        }
    }
}
