package io.optiinfra.e2e.support.run;

import io.optiinfra.e2e.support.Groups;
import org.testng.IMethodSelector;
import org.testng.IMethodSelectorContext;
import org.testng.ITestNGMethod;
import org.testng.xml.XmlMethodSelector;
import org.testng.xml.XmlTest;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Surefire narrows a run with method selectors of its own ({@code -Dtest=Class#method}: a name filter;
 * {@code -Dgroups} without a suite file: a group matcher). Those would drop the smoke gate's methods, and every suite
 * test depends on them. This selector stands in for Surefire's: it keeps the gate and asks Surefire's selector (a new
 * instance; Surefire configures them statically) about everything else. One subclass per Surefire selector, because
 * TestNG instantiates selectors by class name.
 */
public abstract class GateKeepingSelector implements IMethodSelector {
    private static final long serialVersionUID = 1L;
    /** Surefire's selector class → the subclass that keeps the gate in front of it. */
    private static final Map<String, Class<? extends GateKeepingSelector>> REPLACEMENTS = Map.of(
            "org.apache.maven.surefire.testng.utils.MethodSelector", TestFilter.class,
            "org.apache.maven.surefire.testng.utils.GroupMatcherMethodSelector", GroupMatcher.class);
    private final IMethodSelector delegate;

    GateKeepingSelector(String delegateClass) {
        try {
            delegate = (IMethodSelector) Class.forName(delegateClass, true, getClass().getClassLoader())
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create Surefire's selector " + delegateClass, e);
        }
    }

    /** Puts a gate keeper in place of each Surefire selector of {@code test}; returns how many it replaced. */
    static int replaceSurefireSelectors(XmlTest test) {
        int replaced = 0;
        for (XmlMethodSelector selector : test.getMethodSelectors()) {
            Class<? extends GateKeepingSelector> replacement = REPLACEMENTS.get(selector.getClassName());
            if (replacement != null) {
                selector.setClassName(replacement.getName());
                replaced++;
            }
        }
        return replaced;
    }

    @Override
    public boolean includeMethod(IMethodSelectorContext context, ITestNGMethod method, boolean isTestMethod) {
        if (isTestMethod && Arrays.asList(method.getGroups()).contains(Groups.SMOKE)) {
            return true;
        }
        return delegate.includeMethod(context, method, isTestMethod);
    }

    @Override
    public void setTestMethods(List<ITestNGMethod> testMethods) {
        delegate.setTestMethods(testMethods);
    }

    /** In front of Surefire's {@code -Dtest=Class#method} filter. */
    public static final class TestFilter extends GateKeepingSelector {
        private static final long serialVersionUID = 1L;

        public TestFilter() {
            super("org.apache.maven.surefire.testng.utils.MethodSelector");
        }
    }

    /** In front of Surefire's {@code -Dgroups} matcher. */
    public static final class GroupMatcher extends GateKeepingSelector {
        private static final long serialVersionUID = 1L;

        public GroupMatcher() {
            super("org.apache.maven.surefire.testng.utils.GroupMatcherMethodSelector");
        }
    }
}
