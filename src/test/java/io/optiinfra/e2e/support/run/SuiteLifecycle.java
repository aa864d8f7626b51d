package io.optiinfra.e2e.support.run;

import io.optiinfra.e2e.support.env.SuiteEnvironment;
import io.optiinfra.e2e.support.report.ExtentReportListener;
import io.optiinfra.e2e.support.shard.DurationRecorder;
import io.optiinfra.e2e.support.shard.ShardListener;
import org.testng.IAlterSuiteListener;
import org.testng.IConfigurationListener;
import org.testng.IDataProviderInterceptor;
import org.testng.IDataProviderListener;
import org.testng.IDataProviderMethod;
import org.testng.IExecutionListener;
import org.testng.IMethodInstance;
import org.testng.IMethodInterceptor;
import org.testng.ISuite;
import org.testng.ISuiteListener;
import org.testng.ITestContext;
import org.testng.ITestListener;
import org.testng.ITestNGMethod;
import org.testng.ITestResult;
import org.testng.xml.XmlSuite;

import java.util.Iterator;
import java.util.List;

/**
 * The suite's whole lifecycle, registered once through META-INF/services, so a suite file, {@code -Dtest=Class[#method]},
 * {@code -Dgroups=...}, an IDE run or a generated testng-failed.xml all get the same: the shard slice, the smoke gate,
 * {@code -Dfocus/-Dskip/-Drow}, the environment, the Extent report and coverage, progress lines and the summary.
 *
 * <p>Inert when the selection holds no suite test (the platform's unit tests run through it too).
 */
public final class SuiteLifecycle implements IAlterSuiteListener, IExecutionListener, ISuiteListener, ITestListener,
        IConfigurationListener, IDataProviderListener, IDataProviderInterceptor, IMethodInterceptor {
    private final ShardListener shards = new ShardListener();
    private final DurationRecorder durations = new DurationRecorder();
    private final ExtentReportListener report = new ExtentReportListener();
    private final Progress progress = new Progress(System.out);
    private final FailedRerun failedRerun = new FailedRerun(Selection::isSuiteClass);
    private final NameFilter filter = NameFilter.fromSystemProperties();
    private volatile boolean active;

    @Override
    public void alter(List<XmlSuite> suites) {
        shards.alter(suites);
        active = Selection.selectsSuiteTests(suites);
        if (!active) {
            return;
        }
        List<String> gated = Selection.addSmokeGate(suites);
        if (!gated.isEmpty()) {
            System.out.println("[optiinfra-e2e] smoke gate added to " + gated + " (every suite test depends on it)");
        }
        Selection.applySuiteFileParallelism(suites, Thread.currentThread().getContextClassLoader());
        if (suites.stream().allMatch(s -> s.getFileName() == null) && System.getProperty("coverage") == null) {
            // a class or a method measures too little for the gates, and would overwrite the last suite run's verdict
            System.setProperty("coverage", "false");
            System.out.println("[optiinfra-e2e] no coverage for a run of classes or methods (-Dcoverage=true to record it)");
        }
        if (!filter.isEmpty()) {
            System.out.println("[optiinfra-e2e] selecting tests by " + filter);
        }
    }

    @Override
    public void onStart(ISuite suite) {
        if (active) {
            report.onStart(suite);
            SuiteEnvironment.start(); // once per JVM: a second suite of the run finds it up
        }
    }

    @Override
    public void onFinish(ISuite suite) {
        durations.onFinish(suite);
        if (active) {
            progress.suiteFinished(suite);
            failedRerun.suiteFinished(suite);
        }
    }

    @Override
    public void onExecutionFinish() {
        if (!active) {
            return;
        }
        report.onExecutionFinish(); // first stops the environment (its JVMs write coverage), then writes the report
        SuiteEnvironment.stop();
        progress.summary();
        int listed = failedRerun.write(FailedRerun.file());
        if (listed > 0) {
            System.out.printf("[optiinfra-e2e] %d failed or skipped test(s) listed in %s: make rerun-failed%n", listed,
                    FailedRerun.FILE);
        }
    }

    @Override
    public List<IMethodInstance> intercept(List<IMethodInstance> methods, ITestContext context) {
        return active && !filter.isEmpty() ? filter.methods(methods) : methods;
    }

    @Override
    public Iterator<Object[]> intercept(Iterator<Object[]> rows, IDataProviderMethod dataProvider, ITestNGMethod method,
                                        ITestContext context) {
        return active ? filter.rows(rows, method) : rows;
    }

    @Override
    public void onTestStart(ITestResult result) {
        if (active) {
            report.onTestStart(result);
        }
    }

    @Override
    public void onTestSuccess(ITestResult result) {
        if (active) {
            report.onTestSuccess(result);
            progress.finished(result, "PASS");
        }
    }

    @Override
    public void onTestFailure(ITestResult result) {
        if (active) {
            report.onTestFailure(result);
            progress.finished(result, "FAIL");
        }
    }

    @Override
    public void onTestFailedButWithinSuccessPercentage(ITestResult result) {
        onTestFailure(result);
    }

    @Override
    public void onTestSkipped(ITestResult result) {
        if (active) {
            report.onTestSkipped(result);
            progress.finished(result, "SKIP");
        }
    }

    @Override
    public void beforeConfiguration(ITestResult result) {
        if (active) {
            report.beforeConfiguration(result);
        }
    }

    @Override
    public void onConfigurationSuccess(ITestResult result) {
        if (active) {
            report.onConfigurationSuccess(result);
        }
    }

    @Override
    public void onConfigurationFailure(ITestResult result) {
        if (active) {
            report.onConfigurationFailure(result);
            progress.configurationFailed(result);
        }
    }

    @Override
    public void onConfigurationSkip(ITestResult result) {
        if (active) {
            report.onConfigurationSkip(result);
        }
    }

    @Override
    public void beforeDataProviderExecution(IDataProviderMethod dataProvider, ITestNGMethod method, ITestContext context) {
        if (active) {
            report.beforeDataProviderExecution(dataProvider, method, context);
        }
    }

    @Override
    public void onDataProviderFailure(ITestNGMethod method, ITestContext context, RuntimeException e) {
        if (active) {
            report.onDataProviderFailure(method, context, e);
        }
    }

    @Override
    public void afterDataProviderExecution(IDataProviderMethod dataProvider, ITestNGMethod method, ITestContext context) {
        if (active) {
            report.afterDataProviderExecution(dataProvider, method, context);
        }
    }
}
