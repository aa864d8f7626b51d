package io.optiinfra.e2e.support.matchers;

import static io.optiinfra.e2e.support.matchers.Fields.errorHint;
import static io.optiinfra.e2e.support.matchers.Fields.render;
import static io.optiinfra.e2e.support.matchers.Fields.show;

import java.util.List;
import java.util.Map;
import org.hamcrest.Description;
import org.hamcrest.TypeSafeDiagnosingMatcher;

/** Matches a parsed optimization (SPEC §5 shape) that completed with every execution step completed. */
final class OptimizationSuccessfulMatcher extends TypeSafeDiagnosingMatcher<Map<String, ?>> {

    private static final String COMPLETED = "completed";

    @Override
    public void describeTo(Description description) {
        description.appendText("an optimization with status \"completed\", result.success true"
                + " and every execution step \"completed\"");
    }

    @Override
    protected boolean matchesSafely(Map<String, ?> optimization, Description mismatch) {
        if (!COMPLETED.equals(optimization.get("status"))) {
            mismatch.appendText("status was " + show(optimization, "status") + errorHint(optimization));
            return false;
        }
        if (!(optimization.get("result") instanceof Map<?, ?> result)) {
            mismatch.appendText("result was " + show(optimization, "result"));
            return false;
        }
        if (!Boolean.TRUE.equals(result.get("success"))) {
            mismatch.appendText("result.success was " + show(result, "success") + errorHint(optimization));
            return false;
        }
        if (!(optimization.get("execution_steps") instanceof List<?> steps)) {
            mismatch.appendText("execution_steps was " + show(optimization, "execution_steps"));
            return false;
        }
        if (steps.isEmpty()) {
            mismatch.appendText("execution_steps was empty");
            return false;
        }
        for (int i = 0; i < steps.size(); i++) {
            if (!(steps.get(i) instanceof Map<?, ?> step)) {
                mismatch.appendText("execution_steps[" + i + "] was not an object: " + render(steps.get(i)));
                return false;
            }
            if (!COMPLETED.equals(step.get("status"))) {
                mismatch.appendText("execution_steps[" + i + "] " + show(step, "name")
                        + " had status " + show(step, "status"));
                return false;
            }
        }
        return true;
    }
}
