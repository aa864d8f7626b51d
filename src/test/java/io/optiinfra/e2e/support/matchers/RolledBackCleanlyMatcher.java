package io.optiinfra.e2e.support.matchers;

import static io.optiinfra.e2e.support.matchers.Fields.show;

import java.util.Map;
import org.hamcrest.Description;
import org.hamcrest.TypeSafeDiagnosingMatcher;

/** Matches a parsed optimization that was rolled back with its original state restored and the time recorded. */
final class RolledBackCleanlyMatcher extends TypeSafeDiagnosingMatcher<Map<String, ?>> {

    @Override
    public void describeTo(Description description) {
        description.appendText("an optimization with status \"rolled_back\", rollback.original_state_restored true"
                + " and rollback.duration_ms >= 0");
    }

    @Override
    protected boolean matchesSafely(Map<String, ?> optimization, Description mismatch) {
        if (!"rolled_back".equals(optimization.get("status"))) {
            mismatch.appendText("status was " + show(optimization, "status") + Fields.errorHint(optimization));
            return false;
        }
        if (!(optimization.get("rollback") instanceof Map<?, ?> rollback)) {
            mismatch.appendText("rollback was " + show(optimization, "rollback"));
            return false;
        }
        if (!Boolean.TRUE.equals(rollback.get("original_state_restored"))) {
            mismatch.appendText("rollback.original_state_restored was " + show(rollback, "original_state_restored"));
            return false;
        }
        Object duration = rollback.get("duration_ms");
        if (!(duration instanceof Number millis) || Double.isNaN(millis.doubleValue()) || millis.doubleValue() < 0) {
            mismatch.appendText("rollback.duration_ms was " + show(rollback, "duration_ms")
                    + ", expected a number >= 0");
            return false;
        }
        return true;
    }
}
