package io.optiinfra.e2e.support.portal;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;

/**
 * One headless Debian Chromium driven by Debian's chromedriver, both at explicit paths so Selenium Manager never
 * looks for (or downloads) a browser; a fresh profile directory per browser, deleted on {@link #close()}.
 * {@link #reset(String)} makes a used browser like a new one for the next test ({@link BrowserPool}).
 */
public final class Browser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of(System.getProperty("optiinfra.chromium", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("optiinfra.chromedriver", "/usr/bin/chromedriver"));

    private static final Dimension WINDOW = new Dimension(1280, 1000);

    private final WebDriver driver;
    private final Path profile;
    private final Duration startup;

    private Browser(WebDriver driver, Path profile, Duration startup) {
        this.driver = driver;
        this.profile = profile;
        this.startup = startup;
    }

    public static Browser start() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("portal tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (apt packages chromium and chromium-driver: run `make setup`)");
        }
        long begin = System.nanoTime();
        Path profile;
        try {
            profile = Files.createTempDirectory("optiinfra-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1280,1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().window().setSize(WINDOW);
        return new Browser(driver, profile, Duration.ofNanos(System.nanoTime() - begin));
    }

    /**
     * One window on about:blank with the default size, and no cookies, storage, cache or unread console entries of
     * the portal's origin left: what a test could observe of the previous one. Throws when a cookie survived (the
     * pool then quits the browser instead of handing it on).
     */
    public void reset(String origin) {
        List<String> windows = new ArrayList<>(driver.getWindowHandles());
        for (String extra : windows.subList(1, windows.size())) {
            driver.switchTo().window(extra).close();
        }
        driver.switchTo().window(windows.get(0));
        driver.get("about:blank");
        ChromiumDriver cdp = (ChromiumDriver) driver;
        cdp.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        cdp.executeCdpCommand("Network.clearBrowserCache", Map.of());
        cdp.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", origin, "storageTypes", "all"));
        Object left = cdp.executeCdpCommand("Network.getAllCookies", Map.of()).get("cookies");
        if (!(left instanceof List<?> cookies) || !cookies.isEmpty()) {
            throw new IllegalStateException("cookies left after the reset: " + left);
        }
        driver.manage().window().setSize(WINDOW);
        consoleLog();
    }

    public WebDriver driver() {
        return driver;
    }

    /** From process start to a driver ready for commands. */
    public Duration startup() {
        return startup;
    }

    public String screenshotBase64() {
        return ((TakesScreenshot) driver).getScreenshotAs(OutputType.BASE64);
    }

    public File screenshotFile() {
        return ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    }

    /** The browser console (errors, warnings, logs) since the last call. */
    public String consoleLog() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::toString).collect(Collectors.joining("\n"));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var paths = Files.walk(profile)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not delete browser profile " + profile + ": " + e.getMessage());
            }
        }
    }
}
