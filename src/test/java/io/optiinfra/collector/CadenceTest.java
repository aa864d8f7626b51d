package io.optiinfra.collector;

import org.testng.annotations.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.testng.Assert.assertEquals;

public class CadenceTest {

    @Test
    public void catchUpRunsRightAfterATickAreDropped() {
        AtomicInteger ticks = new AtomicInteger();
        Runnable guarded = CollectorApp.onCadence(ticks::incrementAndGet, 60_000);

        guarded.run();
        guarded.run();
        guarded.run();

        assertEquals(ticks.get(), 1, "runs within half an interval of the last tick are skipped");
    }

    @Test
    public void runsAnIntervalApartAllTick() {
        AtomicInteger ticks = new AtomicInteger();
        Runnable guarded = CollectorApp.onCadence(ticks::incrementAndGet, 0);

        guarded.run();
        guarded.run();

        assertEquals(ticks.get(), 2);
    }
}
