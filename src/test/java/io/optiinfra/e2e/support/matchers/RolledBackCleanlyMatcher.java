package io.optiinfra.e2e.support.matchers;

import io.optiinfra.e2e.support.api.Optimization;
import org.hamcrest.Description;
import org.hamcrest.TypeSafeDiagnosingMatcher;

import static io.optiinfra.e2e.support.matchers.Fields.render;

/** Matches an optimization that was rolled back with its original state restored and the time recorded. */
final class RolledBackCleanlyMatcher extends TypeSafeDiagnosingMatcher<Optimization> {

    @Override
    public void describeTo(Description description) {
        description.appendText("an optimization with status \"rolled_back\", rollback.original_state_restored true"
                + " and rollback.duration_ms >= 0");
    }

    @Override
    protected boolean matchesSafely(Optimization optimization, Description mismatch) {
        if (!"rolled_back".equals(optimization.status())) {
            mismatch.appendText("status was " + render(optimization.status()) + Fields.errorHint(optimization));
            return false;
        }
        Optimization.Rollback rollback = optimization.rollback();
        if (rollback == null) {
            mismatch.appendText("rollback was missing");
            return false;
        }
        if (!Boolean.TRUE.equals(rollback.originalStateRestored())) {
            mismatch.appendText("rollback.original_state_restored was " + render(rollback.originalStateRestored()));
            return false;
        }
        Double millis = rollback.durationMs();
        if (millis == null || Double.isNaN(millis) || millis < 0) {
            mismatch.appendText("rollback.duration_ms was " + render(millis) + ", expected a number >= 0");
            return false;
        }
        return true;
    }
}
