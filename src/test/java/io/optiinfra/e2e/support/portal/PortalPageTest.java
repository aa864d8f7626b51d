package io.optiinfra.e2e.support.portal;

import org.testng.annotations.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;

/** The page objects read money the way the portal writes it. */
public class PortalPageTest {
    @Test
    public void moneyIsReadWithThousandsSeparatorsAndUnit() {
        assertThat(PortalPage.money("$92,867.39 / month"), closeTo(92867.39, 1e-9));
        assertThat(PortalPage.money("$0.00 / month"), closeTo(0, 1e-9));
        assertThat(PortalPage.money("$1,234,567.80"), closeTo(1234567.80, 1e-9));
    }
}
