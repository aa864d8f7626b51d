package io.optiinfra.e2e.support.ci;

import io.optiinfra.e2e.support.ci.RecordedPipeline.Run;
import io.optiinfra.e2e.support.ci.RecordedPipeline.Step;
import org.testng.annotations.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

/**
 * The Jenkinsfile, run with recorded steps ({@link RecordedPipeline}): shards, their archives and stashes, the merge,
 * the gates and what still runs when a shard fails. {@code -Doptiinfra.jenkinsfile=<file>} runs it on another file
 * (e.g. a mutated copy, to see these checks go red).
 */
public class JenkinsfileTest {
    private static final Path JENKINSFILE = Path.of(System.getProperty("optiinfra.jenkinsfile",
            Path.of(System.getProperty("optiinfra.projectDir", "."), "Jenkinsfile").toString()));
    private static final Pattern SHARD = Pattern.compile("make test-shard .*SHARD=(\\d+)/(\\d+)");
    private static final String BUILD_TAG = "jenkins-optiinfra/e2e-PR-7-12";

    private static Run run(Map<String, ?> params, ToIntFunction<String> shExit) {
        return RecordedPipeline.execute(JENKINSFILE, params,
                Map.of("BUILD_TAG", BUILD_TAG, "JOB_NAME", "optiinfra/e2e", "WORKSPACE", "/ws"), shExit);
    }

    /** Every script succeeds; `grep '^WARN'` finds nothing (exit 1), as with all coverage gates met. */
    private static int green(String script) {
        return script.startsWith("grep") ? 1 : 0;
    }

    private static Run greenRun() {
        return run(Map.of(), JenkinsfileTest::green);
    }

    private static int shards(Run run) {
        List<Step> parallel = run.named("parallel");
        assertThat("one parallel step runs the shards", parallel, hasSize(1));
        return ((List<?>) parallel.get(0).args()).size();
    }

    private static Step publishHtml(Run run) {
        List<Step> published = run.named("publishHTML");
        assertThat("publishHTML runs once", published, hasSize(1));
        return published.get(0);
    }

    @Test
    public void everyShardRunsItsOwnSliceOfOneShardCount() {
        Run run = greenRun();
        int n = shards(run);
        assertThat("more than one shard", n, greaterThan(1));
        List<Step> commands = run.sh("make test-shard");
        assertThat("one make test-shard per shard", commands, hasSize(n));
        for (Step command : commands) {
            Matcher shard = SHARD.matcher(command.text());
            assertThat(command.text(), shard.find(), is(true));
            assertThat("SHARD=i/n with n = the number of shards: " + command.text(), Integer.parseInt(shard.group(2)),
                    equalTo(n));
            assertThat("shard " + shard.group(1) + " runs in its own branch", command.branch(),
                    equalTo("shard " + shard.group(1) + "/" + n));
            assertThat("each shard has its own timeout, inside its node", command.context(),
                    contains(containsString("stage:E2E shards"), containsString("branch:"),
                            equalTo("node:optiinfra"), equalTo("timeout")));
        }
        assertThat("shards 1..n each once", commands.stream().map(c -> {
            Matcher m = SHARD.matcher(c.text());
            m.find();
            return Integer.parseInt(m.group(1));
        }).sorted().toList(), equalTo(IntStream.rangeClosed(1, n).boxed().toList()));
        assertThat(run.result(), equalTo("SUCCESS"));
    }

    @Test
    public void everyShardArchivesAndStashesItsResultsAndTheMergeUnstashesThemAll() {
        Run run = run(Map.of(), script -> script.contains("SHARD=2/") ? 2 : green(script)); // shard 2 fails
        int n = shards(run);
        List<String> stashed = run.named("stash").stream().filter(s -> s.branch() != null).map(s -> s.arg("name")).toList();
        for (int i = 1; i <= n; i++) {
            String dir = "shards/" + i + "/";
            int shard = i;
            List<Step> archives = run.named("archiveArtifacts").stream()
                    .filter(s -> s.arg("artifacts").equals(dir + "**")).toList();
            assertThat("shard " + i + " archives " + dir + "**", archives, hasSize(1));
            Step stash = run.named("stash").stream().filter(s -> ("shard-" + shard).equals(s.arg("name")))
                    .findFirst().orElseThrow(() -> new AssertionError("shard " + shard + " stashes nothing"));
            assertThat(stash.arg("includes"), containsString(dir + "extent-report/**"));
            assertThat(stash.arg("includes"), containsString(dir + "coverage/**"));
            assertThat("shard " + i + " copies its outputs into " + dir + " (make shard-outputs)",
                    run.sh("make shard-outputs SHARD=" + i), hasSize(1));
        }
        // what make shard-outputs copies: the report (with dashboard.json), logs, durations and coverage data
        String copy = readProjectFile("env/shard-outputs.sh");
        for (String part : List.of("target/extent-report", "target/e2e-env/logs", "target/shard-durations.properties",
                "target/coverage/exec")) {
            assertThat("env/shard-outputs.sh copies " + part, copy, containsString(part));
        }
        List<Step> unstashes = run.named("unstash").stream().filter(s -> s.within("post:always")).toList();
        assertThat("the merge unstashes every shard's stash (" + stashed + ")",
                unstashes.stream().map(Step::text).sorted().toList(), equalTo(stashed.stream().sorted().toList()));
        assertThat("no unstash failed", run.named("echo").stream().map(Step::text).toList(),
                everyItem(not(containsString("left nothing"))));
        int lastUnstash = run.steps().indexOf(unstashes.get(unstashes.size() - 1));
        assertThat("unstash before the merges", lastUnstash,
                lessThan(run.steps().indexOf(run.sh("make merge-coverage").get(0))));
    }

    @Test
    public void aFailedShardStillGetsTheCoverageGateAndThePublishedReport() {
        Run run = run(Map.of(), script -> script.contains("SHARD=2/") ? 2 : green(script));
        assertThat(run.result(), equalTo("FAILURE"));
        assertThat("the other shards still ran", run.sh("make test-shard"), hasSize(shards(run)));
        for (String merge : List.of("make merge-coverage", "make merge-reports")) {
            assertThat(merge + " runs in post { always }", run.sh(merge), hasSize(1));
            assertThat(run.sh(merge).get(0).within("post:always"), is(true));
        }
        assertThat("publishHTML runs in post { always }", publishHtml(run).within("post:always"), is(true));
        assertThat("the gate's WARN check ran", run.sh("grep '^WARN' target/coverage/gates.txt"), hasSize(1));
    }

    @Test
    public void coverageGatesMarkTheBuildAfterTheReportIsPublished() {
        Run failing = run(Map.of(), script -> script.equals("make merge-coverage") ? 2 : green(script));
        assertThat("merge-coverage exit 2 fails the build", failing.result(), equalTo("FAILURE"));
        Step error = failing.named("error").get(0);
        assertThat(error.text(), containsString("merge-coverage exited 2"));
        assertThat("published before the build is failed", failing.steps().indexOf(publishHtml(failing)),
                lessThan(failing.steps().indexOf(error)));

        Run warning = run(Map.of(), script -> 0); // grep '^WARN' finds a line
        assertThat("a WARN line makes the build unstable", warning.result(), equalTo("UNSTABLE"));
        assertThat(warning.named("unstable"), hasSize(1));
        assertThat(greenRun().named("unstable"), empty());
    }

    @Test
    public void junitReadsOnlySurefiresTestFiles() {
        Run run = greenRun();
        List<Step> junit = run.named("junit");
        assertThat("the unit tests and every shard publish JUnit results", junit, hasSize(1 + shards(run)));
        assertThat("TEST-*.xml only: surefire-reports also holds TestNG's testng-results.xml",
                junit.stream().map(s -> s.arg("testResults")).toList(),
                everyItem(equalTo("target/surefire-reports/TEST-*.xml")));
    }

    @Test
    public void dockerRunIdsComeFromTheBuildTagAndTheGridUrlIsPassedThrough() {
        Map<String, Object> params = new HashMap<>(Map.of("E2E_ENV", "docker", "SELENIUM_GRID", "http://grid:4444"));
        Run run = run(params, JenkinsfileTest::green);
        for (Step command : run.sh("make test-shard")) {
            Matcher shard = SHARD.matcher(command.text());
            shard.find();
            assertThat(command.text(), containsString("ENV=docker"));
            assertThat("docker run id: BUILD_TAG + shard, in Docker's name alphabet", command.text(),
                    containsString("DOCKER_RUN=jenkins-optiinfra-e2e-PR-7-12-s" + shard.group(1) + " "));
            assertThat(command.text(), containsString("GRID_URL='http://grid:4444'"));
        }
        assertThat("no grid: no GRID_URL", greenRun().sh("GRID_URL"), empty());
    }

    @Test
    public void shardsBalanceOnThePreviousSuccessfulBuildsDurations() {
        Run run = greenRun();
        Step copy = run.named("copyArtifacts").get(0);
        assertThat(copy.arg("selector"), equalTo("lastSuccessful()"));
        assertThat("the first build has nothing to copy", copy.arg("optional"), equalTo("true"));
        assertThat(copy.arg("filter"), equalTo("shards/*/shard-durations.properties"));
        assertThat("durations are stashed once, before the shards", run.steps().indexOf(run.named("stash").get(0)),
                lessThan(run.steps().indexOf(run.named("parallel").get(0))));
        assertThat(run.named("stash").get(0).arg("name"), equalTo("shard-durations"));
        assertThat("every shard plans on the stashed durations", run.sh("make test-shard").stream().map(Step::text)
                .toList(), everyItem(containsString("DURATIONS=/ws/target/ci/shard-durations.properties")));
        List<String> options = run.steps().stream().filter(s -> s.context().equals(List.of("options")))
                .map(Step::name).toList();
        assertThat(options, equalTo(List.of("buildDiscarder", "timestamps", "timeout", "copyArtifactPermission")));
    }

    private static String readProjectFile(String path) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
