package io.optiinfra.collector;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.optiinfra.cloudsim.CloudSimulator;
import io.optiinfra.common.Json;
import org.testng.annotations.Test;

import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

/** Change detection: the collector PUTs a snapshot only when its lists differ from the last one published. */
public class SnapshotChangeTest {
    private final CloudSimulator sim = new CloudSimulator();

    private String canonical(String cid) {
        ObjectNode s = SnapshotMapper.discovered(SimFixtures.connection(cid), SimFixtures.instances(sim, cid),
                SimFixtures.deployments(sim, cid));
        return SnapshotMapper.canonical(s);
    }

    @Test
    public void firstSnapshotIsAlwaysPublished() {
        CustomerState state = new CustomerState();
        assertFalse(state.discovered());
        assertTrue(state.needsPublish(SnapshotMapper.canonical(SnapshotMapper.discovered(
                SimFixtures.connection("c1"), Json.read("[]"), Json.read("[]")))));
    }

    @Test
    public void sameSnapshotIsNotPublishedAgain() {
        String cid = SimFixtures.customer();
        SimFixtures.seed(sim, cid, "aws-small");
        CustomerState state = new CustomerState();
        state.published(canonical(cid));
        assertTrue(state.discovered());
        assertFalse(state.needsPublish(canonical(cid)));
    }

    @Test
    public void changedMarketIsPublished() {
        String cid = SimFixtures.customer();
        SimFixtures.seed(sim, cid, "aws-small");
        CustomerState state = new CustomerState();
        state.published(canonical(cid));
        String iid = SimFixtures.instances(sim, cid).get(0).get("id").asText();
        sim.instances().modify(cid, iid, Json.read("{\"market\":\"spot\"}"));
        String changed = canonical(cid);
        assertTrue(state.needsPublish(changed));
        state.published(changed);
        assertFalse(state.needsPublish(canonical(cid)));
    }
}
