package io.optiinfra.e2e.support.shard;

import io.optiinfra.e2e.support.shard.ShardPlanner.Plan;
import io.optiinfra.e2e.support.shard.ShardPlanner.Unit;
import org.testng.IAnnotationTransformer;
import org.testng.ITestListener;
import org.testng.ITestResult;
import org.testng.TestNG;
import org.testng.annotations.DataProvider;
import org.testng.annotations.ITestAnnotation;
import org.testng.annotations.Test;
import org.testng.xml.XmlClass;
import org.testng.xml.XmlSuite;
import org.testng.xml.XmlTest;
import org.testng.xml.internal.Parser;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.testng.Assert.expectThrows;

/** The shards of a suite file partition it: every class of all.xml in exactly one shard, smoke gates in each. */
public class ShardPlannerTest {
    private static final Path ALL = Path.of(System.getProperty("optiinfra.projectDir", "."), "suites", "all.xml");
    private static final ShardDurations RECORDED = ShardDurations.read(
            Path.of(System.getProperty("optiinfra.projectDir", "."), "testdata", "shard-durations.properties"));

    @Test
    public void threeShardsOfAllXmlHoldEveryClassExactlyOnce() throws Exception {
        List<Unit> whole = suiteUnits(parse(ALL));
        assertThat("all.xml selects suite classes (else the partition proves nothing)", whole.size(), greaterThan(20));

        Map<Unit, Integer> seen = new TreeMap<>(java.util.Comparator.comparing(Unit::testName).thenComparing(Unit::className));
        for (int i = 1; i <= 3; i++) {
            List<Unit> shard = unitsRunBy(new Shard(i, 3));
            assertThat("shard " + i + "/3 runs something", shard, not(empty()));
            shard.forEach(unit -> seen.merge(unit, 1, Integer::sum));
        }
        assertThat("union of the 3 shards = all.xml", seen.keySet(), equalTo(new HashSet<>(whole)));
        assertThat("no class runs in two shards", new HashSet<>(seen.values()), equalTo(Set.of(1)));
    }

    @Test
    public void everyShardCountPartitionsTheSuiteAndKeepsItsGates() throws Exception {
        Plan whole = new ShardPlanner(RECORDED).plan(parse(ALL), 1);
        List<String> smoke = whole.gates().get("OptiInfra all");
        assertThat("all.xml's main <test> has smoke gate classes", smoke, not(empty()));
        for (int n = 1; n <= 6; n++) {
            List<Unit> union = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                XmlSuite suite = parse(ALL);
                new ShardPlanner(RECORDED).apply(suite, new Shard(i, n));
                for (XmlTest test : suite.getTests()) {
                    List<String> classes = test.getXmlClasses().stream().map(XmlClass::getName).toList();
                    assertThat("shard " + i + "/" + n + " <" + test.getName() + "> keeps its gates",
                            classes, hasItems(whole.gates().get(test.getName()).toArray(String[]::new)));
                    assertThat("packages replaced by the shard's classes", test.getXmlPackages(), empty());
                    classes.stream().filter(c -> !whole.gates().get(test.getName()).contains(c))
                            .forEach(c -> union.add(new Unit(test.getName(), c)));
                }
            }
            assertThat(n + " shards: no duplicates", union.size(), equalTo(new HashSet<>(union).size()));
            assertThat(n + " shards: union is the suite", new HashSet<>(union), equalTo(new HashSet<>(suiteUnits(parse(ALL)))));
        }
    }

    @Test
    public void planIsDeterministicAndBalancedByRecordedDurations() throws Exception {
        Map<String, Long> durations = new java.util.HashMap<>();
        List<Unit> units = new ShardPlanner(RECORDED).plan(parse(ALL), 1).shards().get(0);
        AtomicInteger i = new AtomicInteger();
        units.forEach(u -> durations.put(u.className(), 1000L * (1 + i.getAndIncrement() % 7)));
        durations.put(units.get(0).className(), 60_000L); // one heavy class
        ShardDurations recorded = new ShardDurations(durations);

        Plan first = new ShardPlanner(recorded).plan(parse(ALL), 3);
        Plan second = new ShardPlanner(recorded).plan(parse(ALL), 3);
        assertThat("same input, same plan", first.shards(), equalTo(second.shards()));

        long[] load = first.shards().stream().mapToLong(s -> s.stream().mapToLong(u -> recorded.millis(u.className())).sum()).toArray();
        long heaviest = durations.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        long max = java.util.Arrays.stream(load).max().orElseThrow();
        long min = java.util.Arrays.stream(load).min().orElseThrow();
        // longest-first greedy: the spread between shards never exceeds the largest single class
        assertThat("load spread " + java.util.Arrays.toString(load), max - min, lessThanOrEqualTo(heaviest));
        assertThat("the heavy class sits alone-ish: its shard holds the fewest classes",
                first.shards().stream().filter(s -> s.contains(units.get(0))).findFirst().orElseThrow().size(),
                lessThanOrEqualTo(first.shards().stream().mapToInt(List::size).min().orElseThrow()));
    }

    @Test
    public void shardSpecIsValidated() {
        assertThat(Shard.parse(" 2/3 "), is(new Shard(2, 3)));
        for (String bad : List.of("0/3", "4/3", "3", "a/b", "1/0")) {
            expectThrows(IllegalArgumentException.class, () -> Shard.parse(bad));
        }
    }

    /** The suite's non-gate (test, class) pairs, straight from the suite file's selection (no planner involved). */
    private static List<Unit> suiteUnits(XmlSuite suite) {
        List<Unit> units = new ArrayList<>();
        for (XmlTest test : suite.getTests()) {
            SuiteClasses.of(test, ShardPlanner.GATE_GROUP).stream().filter(c -> !c.gate())
                    .forEach(c -> units.add(new Unit(test.getName(), c.className())));
        }
        return units;
    }

    private static List<Unit> unitsRunBy(Shard shard) throws Exception {
        XmlSuite suite = parse(ALL);
        Plan plan = new ShardPlanner(RECORDED).apply(suite, shard);
        List<Unit> units = new ArrayList<>();
        for (XmlTest test : suite.getTests()) {
            test.getXmlClasses().stream().map(XmlClass::getName)
                    .filter(c -> !plan.gates().get(test.getName()).contains(c))
                    .forEach(c -> units.add(new Unit(test.getName(), c)));
        }
        return units;
    }

    private static XmlSuite parse(Path file) throws Exception {
        Collection<XmlSuite> suites = new Parser(file.toString()).parse();
        assertThat(suites.size(), is(1));
        return suites.iterator().next();
    }



    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
