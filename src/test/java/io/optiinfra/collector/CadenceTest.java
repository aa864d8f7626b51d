package io.optiinfra.collector;

import org.testng.annotations.Test;

import static org.testng.Assert.assertEquals;

public class CadenceTest {

    @Test
    public void nextTickIsTheNextSlotOfTheGrid() {
        assertEquals(CollectorApp.nextDelay(0, 100, 500), 400);
        assertEquals(CollectorApp.nextDelay(0, 499, 500), 1);
    }

    @Test
    public void anOverrunningTickSkipsTheSlotsItMissed() {
        assertEquals(CollectorApp.nextDelay(0, 1_200, 500), 300, "slots at 500 and 1000 are skipped, next is 1500");
        assertEquals(CollectorApp.nextDelay(0, 1_000, 500), 500, "a tick ending exactly on a slot waits for the next");
    }
}
