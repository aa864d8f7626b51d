package io.optiinfra.e2e.support.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openqa.selenium.chrome.ChromeOptions;
import org.testng.annotations.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.notNullValue;
import static org.testng.Assert.expectThrows;

/** Which factory -Dselenium.grid picks, the options both start from, and the Grid capacity read from /status. */
public class BrowserFactoryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    public void theGridPropertyChoosesGridSessionsAndItsAbsenceLocalBrowsers() {
        String before = System.getProperty(BrowserFactory.GRID_PROPERTY);
        try {
            System.clearProperty(BrowserFactory.GRID_PROPERTY);
            assertThat(BrowserFactory.fromSystemProperties(), instanceOf(LocalBrowserFactory.class));
            System.setProperty(BrowserFactory.GRID_PROPERTY, " ");
            assertThat("blank (an unset Jenkins parameter)", BrowserFactory.fromSystemProperties(),
                    instanceOf(LocalBrowserFactory.class));
            System.setProperty(BrowserFactory.GRID_PROPERTY, "http://127.0.0.1:14444/");
            BrowserFactory grid = BrowserFactory.fromSystemProperties();
            assertThat(grid, instanceOf(GridBrowserFactory.class));
            assertThat(grid.describe(), equalTo("Selenium Grid http://127.0.0.1:14444"));
        } finally {
            if (before == null) {
                System.clearProperty(BrowserFactory.GRID_PROPERTY);
            } else {
                System.setProperty(BrowserFactory.GRID_PROPERTY, before);
            }
        }
        IllegalArgumentException e = expectThrows(IllegalArgumentException.class, () -> new GridBrowserFactory("grid"));
        assertThat(e.getMessage(), containsString("-Dselenium.grid is not a URL"));
    }

    @Test
    public void bothKindsStartWithTheSpecsFlagsAndKeepTheConsole() {
        ChromeOptions options = BrowserFactory.baseOptions();
        @SuppressWarnings("unchecked")
        List<String> args = (List<String>) ((Map<String, Object>) options.getCapability("goog:chromeOptions")).get("args");
        assertThat(args, hasItems("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run"));
        assertThat("console kept for the failure evidence", options.getCapability("goog:loggingPrefs"), notNullValue());
    }

    @Test
    public void capacityIsTheChromeSlotsOfNodesThatAreUp() throws Exception {
        JsonNode status = JSON.readTree("""
                {"value": {"ready": true, "message": "Selenium Grid ready.", "nodes": [
                  {"availability": "UP", "slots": [
                    {"stereotype": {"browserName": "chrome"}}, {"stereotype": {"browserName": "chrome"}},
                    {"stereotype": {"browserName": "firefox"}}]},
                  {"availability": "DRAINING", "slots": [{"stereotype": {"browserName": "chrome"}}]},
                  {"availability": "UP", "slots": [{"stereotype": {"browserName": "chrome"}}]}]}}
                """);
        assertThat(GridBrowserFactory.chromeSlots(status), equalTo(3));
    }

    @Test
    public void aGridWithoutAReadyChromeSlotIsAnErrorSayingSo() throws Exception {
        JsonNode notReady = JSON.readTree("""
                {"value": {"ready": false, "message": "Selenium Grid not ready.", "nodes": []}}""");
        IllegalStateException e = expectThrows(IllegalStateException.class, () -> GridBrowserFactory.chromeSlots(notReady));
        assertThat(e.getMessage(), containsString("Selenium Grid not ready."));
        JsonNode firefoxOnly = JSON.readTree("""
                {"value": {"ready": true, "message": "Selenium Grid ready.", "nodes": [
                  {"availability": "UP", "slots": [{"stereotype": {"browserName": "firefox"}}]}]}}""");
        expectThrows(IllegalStateException.class, () -> GridBrowserFactory.chromeSlots(firefoxOnly));
    }
}
