package io.optiinfra.agents.runtime;

import org.testng.annotations.Test;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

public class CustomerShareTest {

    @Test
    public void aCustomerHoldsAtMostItsShareWhileOthersStillGetWorkers() {
        CustomerShare share = CustomerShare.forWorkers(4);
        assertTrue(share.tryAcquire("noisy"));
        assertTrue(share.tryAcquire("noisy"));
        assertTrue(share.tryAcquire("noisy"));
        assertFalse(share.tryAcquire("noisy"), "a fourth worker for one customer");
        assertTrue(share.tryAcquire("quiet"), "another customer still gets a worker");
        assertEquals(share.held("noisy"), 3);
    }

    @Test
    public void releasingFreesTheShareAndForgetsIdleCustomers() {
        CustomerShare share = new CustomerShare(1);
        assertTrue(share.tryAcquire("c"));
        assertFalse(share.tryAcquire("c"));
        share.release("c");
        assertEquals(share.held("c"), 0);
        assertTrue(share.tryAcquire("c"));
    }

    @Test
    public void aSingleWorkerAgentStillServesEveryone() {
        CustomerShare share = CustomerShare.forWorkers(1);
        assertTrue(share.tryAcquire("only"), "an agent with one worker must still run tasks");
    }
}
