package io.optiinfra.e2e.support.matchers;

import io.optiinfra.e2e.support.api.Optimization;
import org.hamcrest.Description;
import org.hamcrest.TypeSafeDiagnosingMatcher;

import java.util.List;

import static io.optiinfra.e2e.support.matchers.Fields.errorHint;
import static io.optiinfra.e2e.support.matchers.Fields.render;

/** Matches an optimization (SPEC §5 shape) that completed with every execution step completed. */
final class OptimizationSuccessfulMatcher extends TypeSafeDiagnosingMatcher<Optimization> {

    private static final String COMPLETED = "completed";

    @Override
    public void describeTo(Description description) {
        description.appendText("an optimization with status \"completed\", result.success true"
                + " and every execution step \"completed\"");
    }

    @Override
    protected boolean matchesSafely(Optimization optimization, Description mismatch) {
        if (!COMPLETED.equals(optimization.status())) {
            mismatch.appendText("status was " + render(optimization.status()) + errorHint(optimization));
            return false;
        }
        if (optimization.result() == null) {
            mismatch.appendText("result was missing");
            return false;
        }
        if (!Boolean.TRUE.equals(optimization.result().success())) {
            mismatch.appendText("result.success was " + render(optimization.result().success())
                    + errorHint(optimization));
            return false;
        }
        if (!optimization.hasSteps()) {
            mismatch.appendText("execution_steps was missing");
            return false;
        }
        List<Optimization.Step> steps = optimization.steps();
        if (steps.isEmpty()) {
            mismatch.appendText("execution_steps was empty");
            return false;
        }
        for (int i = 0; i < steps.size(); i++) {
            Optimization.Step step = steps.get(i);
            if (step == null) {
                mismatch.appendText("execution_steps[" + i + "] was not an object: null");
                return false;
            }
            if (!COMPLETED.equals(step.status())) {
                mismatch.appendText("execution_steps[" + i + "] " + render(step.name())
                        + " had status " + render(step.status()));
                return false;
            }
        }
        return true;
    }
}
