package io.optiinfra.e2e.support.portal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Browsers handed from one portal test to the next: starting Chromium costs about a CPU-second on this machine, a
 * reset a few milliseconds. A browser goes back only after its test passed and {@link Browser#reset(String)} worked;
 * anything else is quit, so a test never inherits a broken or dirty browser. Idle browsers are quit when the portal
 * tests' &lt;test&gt; ends ({@link BrowserSuiteBase}) and, as a backstop, when the JVM exits. The same rules hold for
 * local browsers and Grid sessions ({@link BrowserFactory}); on a Grid, at most its slots are open at once.
 */
final class BrowserPool {
    /** How long a test waits for a browser when all the Grid's slots are in use by other tests. */
    private static final Duration WAIT_FOR_SLOT = Duration.ofMinutes(3);

    private static final BrowserFactory FACTORY = BrowserFactory.fromSystemProperties();
    private static final Object LOCK = new Object();
    /** Guarded by LOCK, as is {@link #sessions} (browsers open or being started). */
    private static final Deque<Browser> IDLE = new ArrayDeque<>();
    private static int sessions;
    private static final Set<Browser> OPEN = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger STARTED = new AtomicInteger();
    private static final AtomicInteger REUSED = new AtomicInteger();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(BrowserPool::quitAll, "optiinfra-browsers-quit"));
    }

    private BrowserPool() {
    }

    /**
     * An idle browser, or a newly started one when none is idle; when as many are open as the factory allows (a
     * Grid's slots), waits for one a test gives back or quits.
     */
    static Lease take() {
        int capacity = FACTORY.capacity();
        long deadline = System.nanoTime() + WAIT_FOR_SLOT.toNanos();
        synchronized (LOCK) {
            while (IDLE.isEmpty() && sessions >= capacity) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("no browser free for " + WAIT_FOR_SLOT.toSeconds() + " s: all "
                            + capacity + " sessions of " + FACTORY.describe() + " in use by other tests");
                }
                try {
                    LOCK.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted waiting for a browser", e);
                }
            }
            Browser idle = IDLE.poll();
            if (idle != null) {
                REUSED.incrementAndGet();
                return new Lease(idle, false);
            }
            sessions++;
        }
        // started outside the lock: seconds of work that must not hold up tests giving browsers back
        try {
            Browser started = FACTORY.start();
            OPEN.add(started);
            STARTED.incrementAndGet();
            return new Lease(started, true);
        } catch (RuntimeException | Error e) {
            released();
            throw e;
        }
    }

    /** After a passed test: reset and keep for the next one; a browser that cannot be reset is quit. */
    static void giveBack(Browser browser, String origin) {
        try {
            browser.reset(origin);
        } catch (RuntimeException e) {
            System.err.println("browser not reusable, quitting it: " + e);
            quit(browser);
            return;
        }
        synchronized (LOCK) {
            IDLE.push(browser);
            LOCK.notifyAll();
        }
    }

    /** After a failed test, or when the browser is not wanted again. */
    static void quit(Browser browser) {
        if (!OPEN.remove(browser)) {
            return; // quit already (the shutdown hook after the pool's own quit)
        }
        synchronized (LOCK) {
            IDLE.remove(browser);
        }
        try {
            browser.close();
        } catch (RuntimeException e) {
            System.err.println("browser did not quit cleanly: " + e);
        } finally {
            released();
        }
    }

    /**
     * Quits every idle browser (those in use stay with their tests) and prints how many browsers were started and
     * how many times one was reused since the last call, e.g. {@code [optiinfra-e2e] browsers: 7 started, 23 reused}.
     */
    static void quitIdle() {
        while (true) {
            Browser browser;
            synchronized (LOCK) {
                browser = IDLE.poll();
            }
            if (browser == null) {
                break;
            }
            quit(browser);
        }
        int started = STARTED.getAndSet(0);
        int reused = REUSED.getAndSet(0);
        if (started + reused > 0) {
            System.out.printf("[optiinfra-e2e] browsers: %d started, %d reused (%s)%n", started, reused,
                    FACTORY.describe());
        }
    }

    private static void released() {
        synchronized (LOCK) {
            sessions--;
            LOCK.notifyAll();
        }
    }

    private static void quitAll() {
        OPEN.forEach(BrowserPool::quit);
    }

    /** A browser for one test, and whether it was started for it. */
    record Lease(Browser browser, boolean started) {
    }
}
