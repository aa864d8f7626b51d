package io.optiinfra.e2e.support.matchers;

import static io.optiinfra.e2e.support.matchers.Thresholds.fmt;
import static io.optiinfra.e2e.support.matchers.Thresholds.pct;

import org.hamcrest.Description;
import org.hamcrest.TypeSafeDiagnosingMatcher;

/** Matches a quality score that stays at or above a fraction of the baseline quality. */
final class QualityMaintainedMatcher extends TypeSafeDiagnosingMatcher<Number> {

    private final double baseline;
    private final double minRatio;

    QualityMaintainedMatcher(double baseline, double minRatio) {
        this.baseline = baseline;
        this.minRatio = minRatio;
    }

    @Override
    public void describeTo(Description description) {
        description.appendText("a quality of at least " + pct(minRatio * 100) + " of the baseline " + fmt(baseline));
        if (validBaseline()) {
            description.appendText(" (>= " + fmt(baseline * minRatio) + ")");
        }
    }

    @Override
    protected boolean matchesSafely(Number item, Description mismatch) {
        double actual = item.doubleValue();
        if (!validBaseline()) {
            mismatch.appendText("baseline quality was " + baseline + ": a ratio needs a positive baseline");
            return false;
        }
        if (Double.isNaN(actual)) {
            mismatch.appendText("quality was NaN");
            return false;
        }
        if (Thresholds.atLeast(actual, baseline * minRatio)) {
            return true;
        }
        mismatch.appendText("quality was " + fmt(actual) + ", only " + pct(actual / baseline * 100)
                + " of the baseline " + fmt(baseline));
        return false;
    }

    private boolean validBaseline() {
        return baseline > 0 && Double.isFinite(baseline);
    }
}
