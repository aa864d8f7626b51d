package io.optiinfra.e2e.support.run;

import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.not;

/**
 * Fails on purpose, run only by {@link FrontDoorTest} in a TestNG of its own: one method, one row of three, one pass.
 * Not named *Test, so the unit-test run never picks it up.
 */
public class RerunFixture {
    @DataProvider(propagateFailureAsTestFailure = true)
    public Object[][] rows() {
        return new Object[][] {{"a"}, {"b"}, {"c"}};
    }

    @Test(dataProvider = "rows")
    public void failsOnRowB(String row) {
        assertThat(row, not("b"));
    }

    @Test
    public void failsAlways() {
        assertThat("the fixture's deliberate failure", false);
    }

    @Test
    public void passes() {
    }
}
