package io.optiinfra.orchestrator.learning;

import org.testng.annotations.Test;

import static org.testng.Assert.assertEquals;

public class LearningServiceTest {

    @Test
    public void similarSuccessesRaiseAndFailuresLowerConfidenceWithinBounds() {
        assertEquals(LearningService.adjusted(0.8, 0, 0), 0.8, 1e-9);
        assertEquals(LearningService.adjusted(0.8, 2, 0), 0.9, 1e-9);
        assertEquals(LearningService.adjusted(0.8, 10, 0), 0.95, 1e-9);
        assertEquals(LearningService.adjusted(0.97, 3, 0), 0.99, 1e-9);
        assertEquals(LearningService.adjusted(0.8, 1, 3), 0.7, 1e-9);
        assertEquals(LearningService.adjusted(0.1, 0, 3), 0.05, 1e-9);
    }

    @Test
    public void featuresEncodeSavingsScaleResourcesRiskAndConfidence() {
        Float[] f = LearningService.features(99_999, 6, "medium", 0.8);
        assertEquals(f[0], 5.0f, 1e-4);
        assertEquals(f[1], 6.0f);
        assertEquals(f[2], 0.5f);
        assertEquals(f[3], 0.8f, 1e-6);
    }
}
