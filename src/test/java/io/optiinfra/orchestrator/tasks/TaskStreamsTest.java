package io.optiinfra.orchestrator.tasks;

import io.optiinfra.agents.application.ApplicationAgent;
import io.optiinfra.agents.cost.CostAgent;
import io.optiinfra.agents.performance.PerformanceAgent;
import io.optiinfra.agents.resource.ResourceAgent;
import io.optiinfra.agents.runtime.AgentHandler;
import org.testng.annotations.Test;

import java.util.List;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

/** The registry refuses capabilities outside {@link TaskStreams#capabilitiesOf}: every platform agent must fit it. */
public class TaskStreamsTest {

    @Test
    public void everyPlatformAgentAnnouncesOnlyWhatItsStreamCarries() {
        List<AgentHandler> agents = List.of(new CostAgent(null), new PerformanceAgent(null), new ResourceAgent(null),
                new ApplicationAgent(null));
        for (AgentHandler agent : agents) {
            assertTrue(TaskStreams.capabilitiesOf(agent.agentType()).containsAll(agent.capabilities()),
                    agent.agentType() + " announces " + agent.capabilities() + ", allowed: "
                            + TaskStreams.capabilitiesOf(agent.agentType()));
            for (String capability : agent.capabilities()) {
                if (!TaskStreams.VALIDATE.equals(capability)) {
                    assertEquals(TaskStreams.agentFor(capability), agent.agentType(), capability + " is routed elsewhere");
                }
            }
        }
    }

    @Test
    public void onlyTheValidatorsValidate() {
        assertTrue(TaskStreams.capabilitiesOf("performance").contains(TaskStreams.VALIDATE));
        assertTrue(TaskStreams.capabilitiesOf("application").contains(TaskStreams.VALIDATE));
        assertFalse(TaskStreams.capabilitiesOf("cost").contains(TaskStreams.VALIDATE));
        assertFalse(TaskStreams.capabilitiesOf("cost").contains("quality_baseline"));
        assertTrue(TaskStreams.capabilitiesOf("janitor").isEmpty());
    }
}
