package io.optiinfra.e2e.support.portal;

import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.util.List;
import java.util.logging.Level;

/**
 * Where the portal tests' browsers come from: Debian's Chromium on this machine ({@link LocalBrowserFactory}), or
 * sessions of a Selenium Grid when {@code -Dselenium.grid=<url>} is set ({@link GridBrowserFactory}). Both give the
 * same browser (the flags of SPEC §2 "Browser", console logging on) that {@link BrowserPool} resets and reuses alike.
 */
interface BrowserFactory {
    /** The Grid to run browsers on (e.g. http://127.0.0.1:14444); unset or blank: local browsers. */
    String GRID_PROPERTY = "selenium.grid";

    /** The flags both kinds of browser start with; the local one adds its own --user-data-dir. */
    List<String> FLAGS = List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--no-first-run",
            "--window-size=1280,1000");

    /** A started browser, ready for commands. */
    Browser start();

    /** At most this many browsers may be open at once: a Grid has slots, this machine no fixed limit. */
    int capacity();

    /** For the console and the report: "local Chromium" or the Grid's URL. */
    String describe();

    static BrowserFactory fromSystemProperties() {
        String grid = System.getProperty(GRID_PROPERTY, "").trim();
        return grid.isEmpty() ? new LocalBrowserFactory() : new GridBrowserFactory(grid);
    }

    /**
     * The options both factories start from. The browser console is kept (goog:loggingPrefs): chromedriver serves it
     * over W3C sessions too, through the Grid as well, for the failure evidence of {@link BrowserSuiteBase}.
     */
    static ChromeOptions baseOptions() {
        ChromeOptions options = new ChromeOptions();
        options.addArguments(FLAGS);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return options;
    }
}
