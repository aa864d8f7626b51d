package io.optiinfra.e2e.support.matchers;

import static io.optiinfra.e2e.support.matchers.Thresholds.fmt;
import static io.optiinfra.e2e.support.matchers.Thresholds.pct;

import org.hamcrest.Description;
import org.hamcrest.TypeSafeDiagnosingMatcher;

/** Matches a new cost that is at least a given percentage below a baseline cost. */
final class CostReducedMatcher extends TypeSafeDiagnosingMatcher<Number> {

    private final double percent;
    private final double baseline;

    CostReducedMatcher(double percent, double baseline) {
        this.percent = percent;
        this.baseline = baseline;
    }

    @Override
    public void describeTo(Description description) {
        description.appendText("a cost at least " + pct(percent) + " below the baseline " + fmt(baseline));
        if (validBaseline()) {
            description.appendText(" (<= " + fmt(baseline * (1 - percent / 100)) + ")");
        }
    }

    @Override
    protected boolean matchesSafely(Number item, Description mismatch) {
        double actual = item.doubleValue();
        if (!validBaseline()) {
            mismatch.appendText("baseline cost was " + baseline + ": a reduction needs a positive baseline");
            return false;
        }
        if (Double.isNaN(actual)) {
            mismatch.appendText("cost was NaN");
            return false;
        }
        double reduction = (baseline - actual) / baseline * 100;
        if (Thresholds.atLeast(reduction, percent)) {
            return true;
        }
        mismatch.appendText("cost was " + fmt(actual) + ", a reduction of only " + pct(reduction)
                + " from the baseline " + fmt(baseline));
        return false;
    }

    private boolean validBaseline() {
        return baseline > 0 && Double.isFinite(baseline);
    }
}
