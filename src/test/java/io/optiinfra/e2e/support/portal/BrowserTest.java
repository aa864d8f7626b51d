package io.optiinfra.e2e.support.portal;

import io.optiinfra.e2e.support.ApiTest;
import io.optiinfra.e2e.support.report.TestReport;
import org.testng.IHookCallBack;
import org.testng.IHookable;
import org.testng.ITestResult;
import org.testng.SkipException;

import java.util.ArrayList;
import java.util.List;

/**
 * Base of the portal's browser tests: each test method gets its own browser(s) on its own thread, quit when the method
 * ends whatever happened. A failed test gets a screenshot, the page source and the console log of every browser it
 * opened; a passed one gets one screenshot of its end state.
 */
public abstract class BrowserTest extends ApiTest implements IHookable {
    private final ThreadLocal<List<Browser>> browsers = ThreadLocal.withInitial(ArrayList::new);

    /** Opens a browser for the current test (quit at its end). */
    protected Browser browser() {
        Browser browser = Browser.start();
        TestReport.metric("browser start-up", browser.startup().toMillis(), "ms");
        browsers.get().add(browser);
        return browser;
    }

    /** The portal's base URL in this environment. */
    protected String portalUrl() {
        String url = env().portalUrl();
        if (url == null) {
            throw new IllegalStateException("this environment has no portal URL (external mode: set portal.url)");
        }
        return url;
    }

    @Override
    public void run(IHookCallBack callBack, ITestResult result) {
        try {
            callBack.runTestMethod(result);
            attachEvidence(result.getThrowable() == null || result.getThrowable() instanceof SkipException);
        } finally {
            List<Browser> opened = browsers.get();
            opened.forEach(BrowserTest::quietly);
            opened.clear();
            browsers.remove();
        }
    }

    private void attachEvidence(boolean passed) {
        List<Browser> opened = browsers.get();
        for (int i = 0; i < opened.size(); i++) {
            Browser browser = opened.get(i);
            String which = opened.size() == 1 ? "" : " (browser " + (i + 1) + ")";
            try {
                TestReport.info("page: " + browser.driver().getCurrentUrl());
                if (passed) {
                    if (i == 0) {
                        TestReport.screenshot("end state" + which, browser.screenshotBase64());
                    }
                    continue;
                }
                TestReport.screenshot("screenshot at failure" + which, browser.screenshotBase64());
                TestReport.attachText("page source" + which, browser.driver().getPageSource());
                TestReport.attachText("browser console" + which, browser.consoleLog());
            } catch (RuntimeException e) {
                // evidence is best effort: a dead browser must not hide the test's own result
                TestReport.info("browser evidence unavailable" + which + ": " + e);
            }
        }
    }

    private static void quietly(Browser browser) {
        try {
            browser.close();
        } catch (RuntimeException e) {
            System.err.println("browser did not quit cleanly: " + e);
        }
    }
}
