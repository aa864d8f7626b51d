package io.optiinfra.e2e.support.portal;

import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Browsers handed from one portal test to the next: starting Chromium costs about a CPU-second on this machine, a
 * reset a few milliseconds. A browser goes back only after its test passed and {@link Browser#reset(String)} worked;
 * anything else is quit, so a test never inherits a broken or dirty browser. Idle browsers are quit when the portal
 * tests' &lt;test&gt; ends ({@link BrowserTest}) and, as a backstop, when the JVM exits.
 */
final class BrowserPool {
    private static final Deque<Browser> IDLE = new ConcurrentLinkedDeque<>();
    private static final Set<Browser> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(BrowserPool::quitAll, "optiinfra-browsers-quit"));
    }

    private BrowserPool() {
    }

    /** An idle browser, or a newly started one when none is idle. */
    static Lease take() {
        Browser idle = IDLE.poll();
        if (idle != null) {
            return new Lease(idle, false);
        }
        Browser started = Browser.start();
        OPEN.add(started);
        return new Lease(started, true);
    }

    /** After a passed test: reset and keep for the next one; a browser that cannot be reset is quit. */
    static void giveBack(Browser browser, String origin) {
        try {
            browser.reset(origin);
            IDLE.push(browser);
        } catch (RuntimeException e) {
            System.err.println("browser not reusable, quitting it: " + e);
            quit(browser);
        }
    }

    /** After a failed test, or when the browser is not wanted again. */
    static void quit(Browser browser) {
        OPEN.remove(browser);
        IDLE.remove(browser);
        try {
            browser.close();
        } catch (RuntimeException e) {
            System.err.println("browser did not quit cleanly: " + e);
        }
    }

    /** Quits every idle browser (those in use stay with their tests). */
    static void quitIdle() {
        for (Browser browser = IDLE.poll(); browser != null; browser = IDLE.poll()) {
            quit(browser);
        }
    }

    private static void quitAll() {
        OPEN.forEach(BrowserPool::quit);
    }

    /** A browser for one test, and whether it was started for it. */
    record Lease(Browser browser, boolean started) {
    }
}
