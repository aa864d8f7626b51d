package io.optiinfra.e2e.support.perf;

import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;

/** Which two runs' performance figures may be compared: only those whose machine references are within ±50 %. */
public class ComparableRunsTest {

    @DataProvider(propagateFailureAsTestFailure = true)
    public Object[][] sameMachine() {
        // quiet runs on this machine measured 9.5–11.5 ms; a ratio of exactly 1.5 either way is still comparable
        return new Object[][] {{10.0, 10.0}, {9.47, 11.46}, {10.0, 15.0}, {15.0, 10.0}};
    }

    @Test(dataProvider = "sameMachine")
    public void referencesWithinTheBandAreCompared(double previous, double now) {
        assertThat(PerformanceResults.comparable(previous, now), nullValue());
    }

    @DataProvider(propagateFailureAsTestFailure = true)
    public Object[][] differentMachine() {
        // a CPU hog on both cores: 10 ms became 21–107 ms; a much quieter machine is just as incomparable
        return new Object[][] {{10.0, 15.1}, {10.81, 22.53}, {19.41, 106.81}, {30.0, 10.0}};
    }

    @Test(dataProvider = "differentMachine")
    public void referencesBeyondTheBandAreNotComparedAndSayWhy(double previous, double now) {
        assertThat(PerformanceResults.comparable(previous, now), containsString("machine reference"));
    }
}
