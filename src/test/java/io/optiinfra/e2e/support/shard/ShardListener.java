package io.optiinfra.e2e.support.shard;

import org.testng.IAlterSuiteListener;
import org.testng.xml.XmlSuite;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code -Dshard=i/n}: before TestNG runs the suite file, narrows it to shard i of n ({@link ShardPlanner}).
 * Registered through META-INF/services, so it applies to every suite file; without -Dshard it does nothing.
 * Balancing uses {@code -Dshard.durations} (default testdata/shard-durations.properties).
 */
public final class ShardListener implements IAlterSuiteListener {

    @Override
    public void alter(List<XmlSuite> suites) {
        String spec = System.getProperty("shard", "");
        if (spec.isBlank()) {
            return;
        }
        Shard shard = Shard.parse(spec);
        Path projectDir = Path.of(System.getProperty("optiinfra.projectDir", "."));
        Path durations = Path.of(System.getProperty("shard.durations",
                projectDir.resolve("testdata/shard-durations.properties").toString()));
        ShardPlanner planner = new ShardPlanner(ShardDurations.read(durations));
        for (XmlSuite suite : suites) {
            String name = suite.getName();
            ShardPlanner.Plan plan = planner.apply(suite, shard);
            System.out.printf("[optiinfra-e2e] shard %s of %s: %d of %d classes (+ gates %s): %s%n", shard,
                    name, plan.shards().get(shard.index() - 1).size(),
                    plan.shards().stream().mapToInt(List::size).sum(),
                    plan.gates().values().stream().flatMap(List::stream).distinct().map(ShardListener::simple).toList(),
                    plan.shards().get(shard.index() - 1).stream().map(u -> simple(u.className())).toList());
        }
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
