package io.optiinfra.e2e.support.portal;

import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.report.TestReport;
import org.testng.IHookCallBack;
import org.testng.IHookable;
import org.testng.ITestResult;
import org.testng.SkipException;
import org.testng.annotations.AfterTest;

import java.util.ArrayList;
import java.util.List;

/**
 * Base of the portal's browser tests: each test method gets its own browser(s) on its own thread, reset and handed to
 * a later test when it passed, quit when it failed ({@link BrowserPool}). A failed test gets a screenshot, the page
 * source and the console log of every browser it used; a passed one gets one screenshot of its end state. The same
 * on a Selenium Grid ({@code -Dselenium.grid}): screenshots, page source and the console log are W3C session commands
 * (the console chromedriver's se/log) that the Grid forwards to its node.
 */
public abstract class BrowserSuiteBase extends SuiteBase implements IHookable {
    private final ThreadLocal<List<Browser>> browsers = ThreadLocal.withInitial(ArrayList::new);

    /** A browser of the current test's own (a new one, or one a passed test left, reset). */
    protected Browser browser() {
        BrowserPool.Lease lease = BrowserPool.take();
        if (lease.started()) {
            TestReport.info("browser started: " + lease.browser().where());
            TestReport.metric("browser start-up", lease.browser().startup().toMillis(), "ms");
        } else {
            TestReport.info("browser reused (reset after a passed test: no cookies, storage or cache left)");
        }
        browsers.get().add(lease.browser());
        return lease.browser();
    }

    /** Idle browsers are not needed after the portal tests. */
    @AfterTest(alwaysRun = true)
    public void quitIdleBrowsers() {
        BrowserPool.quitIdle();
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
        boolean passed = false;
        try {
            callBack.runTestMethod(result);
            passed = result.getThrowable() == null || result.getThrowable() instanceof SkipException;
            attachEvidence(passed);
        } finally {
            List<Browser> used = browsers.get();
            for (Browser browser : used) {
                if (passed) {
                    BrowserPool.giveBack(browser, portalUrl());
                } else {
                    BrowserPool.quit(browser);
                }
            }
            used.clear();
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
}
