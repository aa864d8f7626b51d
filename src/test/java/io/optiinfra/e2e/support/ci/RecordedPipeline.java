package io.optiinfra.e2e.support.ci;

import groovy.lang.Binding;
import groovy.lang.Closure;
import groovy.lang.GroovyClassLoader;
import groovy.lang.Script;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.runtime.InvokerHelper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

/**
 * Runs a declarative Jenkinsfile outside Jenkins (none can run here, and JenkinsPipelineUnit's declarative support is
 * not on Maven Central) and records its steps. The Jenkinsfile is compiled as a Groovy script with this class as its
 * base, so every DSL word it uses resolves to a method here; a word without one fails the run (MissingMethodException)
 * instead of passing unnoticed.
 * <p>
 * Modelled from Jenkins: a declarative block is first collected, then run (agent/options/steps/post, not in file
 * order); a failed stage skips the stages after it; {@code post} conditions run on the stage's or build's result, in
 * Jenkins' order; {@code parallel} runs every branch (sequentially here) and fails after all if one failed; an
 * {@code sh} with a non-zero exit fails unless {@code returnStatus}; {@code unstash} of a name never stashed fails.
 * Only step failures ({@link StepFailed}) are caught as Jenkins would; any other exception (a DSL word missing here, a
 * Groovy error in the file) ends the run, so a gap in this model shows up as a test error, not as a failed shard.
 * Not modelled: agents, workspaces, files, CPS, the declarative validator (e.g. matrix axes must be literals).
 */
public abstract class RecordedPipeline extends Script {

    /** One recorded step: its name, its argument (a Map for named arguments) and where it ran, outermost first. */
    public record Step(String name, Object args, List<String> context) {
        public String arg(String key) {
            return args instanceof Map<?, ?> map && map.get(key) != null ? String.valueOf(map.get(key)) : null;
        }

        /** The {@code sh} script, {@code echo} text or any single positional argument. */
        public String text() {
            return args instanceof Map<?, ?> ? arg("script") : String.valueOf(args);
        }

        public boolean within(String marker) {
            return context.contains(marker);
        }

        /** The parallel branch this step ran in, or null. */
        public String branch() {
            return context.stream().filter(c -> c.startsWith("branch:")).map(c -> c.substring(7)).findFirst().orElse(null);
        }
    }

    /** The outcome of one run: the steps in the order they ran and the build result. */
    public record Run(List<Step> steps, String result) {
        public List<Step> named(String name) {
            return steps.stream().filter(s -> s.name().equals(name)).toList();
        }

        public List<Step> sh(String containing) {
            return named("sh").stream().filter(s -> s.text() != null && s.text().contains(containing)).toList();
        }
    }

    /** What a failing sh or error() throws: Jenkins' AbortException, catchable by the Jenkinsfile's try/catch. */
    public static final class StepFailed extends RuntimeException {
        StepFailed(String message) {
            super(message);
        }
    }

    private static final List<String> RESULTS = List.of("SUCCESS", "UNSTABLE", "FAILURE");
    private static final List<String> POST_ORDER = List.of("always", "failure", "success", "unstable", "unsuccessful",
            "cleanup");

    /** A declarative block (pipeline or stage) while it is being collected. */
    private static final class Section {
        String agent;
        Closure<?> parameters;
        Closure<?> environment;
        Closure<?> options;
        Closure<?> steps;
        Closure<?> stages;
        Closure<?> post;
    }

    private static final Map<Path, Class<?>> COMPILED = new ConcurrentHashMap<>();
    private final List<Step> steps = new ArrayList<>();
    private final Deque<String> context = new ArrayDeque<>();
    private final Deque<Section> declaring = new ArrayDeque<>();
    private final Set<String> stashes = new HashSet<>();
    private Map<String, Object> params;
    private Map<String, Object> env;
    private ToIntFunction<String> shExit;
    private String result = "SUCCESS";
    private boolean stageFailed;
    private String pendingLabel;
    private Map<String, Closure<?>> conditions;

    /**
     * Runs {@code jenkinsfile}. {@code params} override the parameters' defaults, {@code env} is what Jenkins would
     * set (BUILD_TAG, JOB_NAME, WORKSPACE, ...), {@code shExit} gives each sh script's exit code.
     */
    public static Run execute(Path jenkinsfile, Map<String, ?> params, Map<String, String> env,
                              ToIntFunction<String> shExit) {
        Map<String, Object> paramValues = new LinkedHashMap<>(params);
        Map<String, Object> envValues = new LinkedHashMap<>(env);
        Binding binding = new Binding(new LinkedHashMap<>(Map.of("env", envValues, "params", paramValues,
                "scm", "scm", "none", "none")));
        RecordedPipeline script = (RecordedPipeline) InvokerHelper.createScript(
                COMPILED.computeIfAbsent(jenkinsfile.toAbsolutePath(), RecordedPipeline::compile), binding);
        script.params = paramValues;
        script.env = envValues;
        script.shExit = shExit;
        script.run();
        return new Run(List.copyOf(script.steps), script.result);
    }

    // Compiled once per file: a compile takes seconds on a loaded machine, a run milliseconds
    private static Class<?> compile(Path jenkinsfile) {
        CompilerConfiguration config = new CompilerConfiguration();
        config.setScriptBaseClass(RecordedPipeline.class.getName());
        try (GroovyClassLoader loader = new GroovyClassLoader(RecordedPipeline.class.getClassLoader(), config)) {
            return loader.parseClass(jenkinsfile.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compile " + jenkinsfile, e);
        }
    }

    private void record(String name, Object args) {
        steps.add(new Step(name, args, List.copyOf(context)));
    }

    private void worsen(String to) {
        if (RESULTS.indexOf(to) > RESULTS.indexOf(result)) {
            result = to;
        }
    }

    private Section declaringSection(String word) {
        if (declaring.isEmpty()) {
            throw new IllegalStateException("'" + word + "' outside a pipeline or stage block");
        }
        return declaring.peek();
    }

    private Section declare(Closure<?> body) {
        Section section = new Section();
        declaring.push(section);
        try {
            body.call();
        } finally {
            declaring.pop();
        }
        return section;
    }

    private Object within(String marker, Closure<?> body) {
        context.addLast(marker);
        try {
            return body.call();
        } finally {
            context.removeLast();
        }
    }

    // ---- declarative structure ----

    public void pipeline(Closure<?> body) {
        Section pipeline = declare(body);
        if (pipeline.parameters != null) {
            pipeline.parameters.call();
        }
        if (pipeline.environment != null) {
            pipeline.environment.setDelegate(env); // NAME = 'value' lands in env
            pipeline.environment.setResolveStrategy(Closure.DELEGATE_FIRST);
            pipeline.environment.call();
        }
        if (pipeline.options != null) {
            within("options", pipeline.options);
        }
        if (pipeline.stages != null) {
            pipeline.stages.call();
        }
        runPost(pipeline.post, "pipeline", result);
    }

    public void stage(String name, Closure<?> body) {
        if (stageFailed) {
            record("skipped stage", name); // declarative skips the stages after a failed one
            return;
        }
        Section stage = declare(body);
        context.addLast("stage:" + name);
        if (stage.agent != null) {
            context.addLast("node:" + stage.agent);
        }
        String stageResult = "SUCCESS";
        try {
            if (stage.options != null) {
                within("options", stage.options);
            }
            if (stage.steps != null) {
                stage.steps.call();
            }
            if (stage.stages != null) {
                stage.stages.call();
            }
        } catch (StepFailed e) {
            record("stage failed", name + ": " + e.getMessage());
            stageResult = "FAILURE";
            stageFailed = true;
            worsen("FAILURE");
        }
        runPost(stage.post, "stage", stageResult);
        if (stage.agent != null) {
            context.removeLast();
        }
        context.removeLast();
    }

    private void runPost(Closure<?> post, String of, String outcome) {
        if (post == null) {
            return;
        }
        conditions = new LinkedHashMap<>();
        post.call();
        Map<String, Closure<?>> declared = conditions;
        conditions = null;
        for (String condition : POST_ORDER) {
            boolean applies = switch (condition) {
                case "always", "cleanup" -> true;
                case "unsuccessful" -> !outcome.equals("SUCCESS");
                default -> outcome.equalsIgnoreCase(condition);
            };
            if (applies && declared.containsKey(condition)) {
                try {
                    within("post:" + condition, declared.get(condition));
                } catch (StepFailed e) { // a failed step in post fails the build; the other conditions still run
                    record("post failed", of + " " + condition + ": " + e.getMessage());
                    worsen("FAILURE");
                }
            }
        }
    }

    private void condition(String name, Closure<?> body) {
        if (conditions == null) {
            throw new IllegalStateException("'" + name + "' outside a post block");
        }
        conditions.put(name, body);
    }

    public void always(Closure<?> body) { condition("always", body); }
    public void failure(Closure<?> body) { condition("failure", body); }
    public void success(Closure<?> body) { condition("success", body); }
    public void unstable(Closure<?> body) { condition("unstable", body); }
    public void unsuccessful(Closure<?> body) { condition("unsuccessful", body); }
    public void cleanup(Closure<?> body) { condition("cleanup", body); }

    public void agent(Object none) { declaringSection("agent").agent = null; }

    public void agent(Closure<?> body) {
        pendingLabel = null;
        body.call();
        declaringSection("agent").agent = pendingLabel;
    }

    public void label(String label) { pendingLabel = label; }
    public void parameters(Closure<?> body) { declaringSection("parameters").parameters = body; }
    public void environment(Closure<?> body) { declaringSection("environment").environment = body; }
    public void options(Closure<?> body) { declaringSection("options").options = body; }
    public void steps(Closure<?> body) { declaringSection("steps").steps = body; }
    public void stages(Closure<?> body) { declaringSection("stages").stages = body; }
    public void post(Closure<?> body) { declaringSection("post").post = body; }

    // ---- parameters and options ----

    public void choice(Map<String, Object> args) {
        record("choice", args);
        params.putIfAbsent(String.valueOf(args.get("name")), ((List<?>) args.get("choices")).get(0));
    }

    public void string(Map<String, Object> args) {
        record("string", args);
        params.putIfAbsent(String.valueOf(args.get("name")), args.get("defaultValue"));
    }

    public Object logRotator(Map<String, Object> args) { return Map.of("logRotator", args); }
    public void buildDiscarder(Object strategy) { record("buildDiscarder", strategy); }
    public void timestamps() { record("timestamps", Map.of()); }
    public void copyArtifactPermission(Object projects) { record("copyArtifactPermission", String.valueOf(projects)); }
    public void timeout(Map<String, Object> args) { record("timeout", args); }

    // ---- steps ----

    public Object timeout(Map<String, Object> args, Closure<?> body) {
        record("timeout", args);
        return within("timeout", body);
    }

    public Object node(String label, Closure<?> body) {
        record("node", label);
        return within("node:" + label, body);
    }

    public Object script(Closure<?> body) { return body.call(); }

    public void parallel(Map<String, Closure<?>> branches) {
        record("parallel", List.copyOf(branches.keySet()));
        StepFailed failed = null;
        for (Map.Entry<String, Closure<?>> branch : branches.entrySet()) {
            try {
                within("branch:" + branch.getKey(), branch.getValue());
            } catch (StepFailed e) {
                record("branch failed", branch.getKey() + ": " + e.getMessage());
                failed = failed == null ? e : failed;
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    public Object sh(String script) { return sh(Map.of("script", script)); }

    public Object sh(Map<String, Object> args) {
        record("sh", args);
        String script = String.valueOf(args.get("script"));
        int exit = shExit.applyAsInt(script);
        if (Boolean.TRUE.equals(args.get("returnStatus"))) {
            return exit;
        }
        if (exit != 0) {
            throw new StepFailed("script returned exit code " + exit);
        }
        return Boolean.TRUE.equals(args.get("returnStdout")) ? "" : null;
    }

    public void stash(Map<String, Object> args) {
        record("stash", args);
        stashes.add(String.valueOf(args.get("name")));
    }

    public void unstash(String name) {
        record("unstash", name);
        if (!stashes.contains(name)) {
            throw new StepFailed("No such saved stash '" + name + "'");
        }
    }

    public void error(String message) {
        record("error", message);
        throw new StepFailed(message);
    }

    public void unstable(String message) {
        record("unstable", message);
        worsen("UNSTABLE");
    }

    public Object lastSuccessful() { return "lastSuccessful()"; }
    public void echo(String message) { record("echo", message); }
    public void checkout(Object scm) { record("checkout", scm); }
    public void junit(Map<String, Object> args) { record("junit", args); }
    public void archiveArtifacts(Map<String, Object> args) { record("archiveArtifacts", args); }
    public void copyArtifacts(Map<String, Object> args) { record("copyArtifacts", args); }
    public void publishHTML(Map<String, Object> args) { record("publishHTML", args); }
}
