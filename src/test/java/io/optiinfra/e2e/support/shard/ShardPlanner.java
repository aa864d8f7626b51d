package io.optiinfra.e2e.support.shard;

import io.optiinfra.e2e.support.shard.SuiteClasses.Selected;
import org.testng.xml.XmlClass;
import org.testng.xml.XmlSuite;
import org.testng.xml.XmlTest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a suite into n deterministic slices by class. Every (test, class) pair of the suite lands in exactly one
 * shard, assigned longest-first to the least-loaded shard (LPT) using recorded class durations, ties broken by name,
 * so every agent computes the same plan from the same checkout. Gate classes (all methods in the gate group, smoke)
 * run in every shard that runs anything of their {@code <test>}: each shard has its own environment and the others
 * depend on the gate through {@code dependsOnGroups}.
 */
public final class ShardPlanner {
    public static final String GATE_GROUP = "smoke";

    private final ShardDurations durations;

    public ShardPlanner(ShardDurations durations) {
        this.durations = durations;
    }

    /** One unit of work: a non-gate class inside one {@code <test>} of the suite. */
    public record Unit(String testName, String className) {}

    /** The plan: units per shard (index 0 = shard 1), and the gate classes of each {@code <test>}. */
    public record Plan(List<List<Unit>> shards, Map<String, List<String>> gates) {}

    public Plan plan(XmlSuite suite, int count) {
        List<Unit> units = new ArrayList<>();
        Map<String, List<String>> gates = new LinkedHashMap<>();
        for (XmlTest test : suite.getTests()) {
            List<String> testGates = new ArrayList<>();
            for (Selected selected : SuiteClasses.of(test, GATE_GROUP)) {
                if (selected.gate()) {
                    testGates.add(selected.className());
                } else {
                    units.add(new Unit(test.getName(), selected.className()));
                }
            }
            gates.put(test.getName(), testGates);
        }
        units.sort(Comparator.comparingLong((Unit u) -> durations.millis(u.className())).reversed()
                .thenComparing(Unit::testName).thenComparing(Unit::className));
        List<List<Unit>> shards = new ArrayList<>();
        long[] load = new long[count];
        for (int i = 0; i < count; i++) {
            shards.add(new ArrayList<>());
        }
        for (Unit unit : units) {
            int lightest = 0;
            for (int i = 1; i < count; i++) {
                if (load[i] < load[lightest]) {
                    lightest = i;
                }
            }
            shards.get(lightest).add(unit);
            load[lightest] += durations.millis(unit.className());
        }
        return new Plan(shards, gates);
    }

    /**
     * Rewrites the suite in place to shard {@code shard}: each {@code <test>} gets an explicit class list (its gates
     * plus its units in this shard) instead of packages; a {@code <test>} with no unit in this shard is dropped.
     */
    public Plan apply(XmlSuite suite, Shard shard) {
        Plan plan = plan(suite, shard.count());
        List<Unit> mine = plan.shards().get(shard.index() - 1);
        List<XmlTest> kept = new ArrayList<>();
        for (XmlTest test : suite.getTests()) {
            List<XmlClass> classes = new ArrayList<>();
            plan.gates().get(test.getName()).forEach(name -> classes.add(SuiteClasses.xmlClass(name)));
            mine.stream().filter(u -> u.testName().equals(test.getName()))
                    .forEach(u -> classes.add(SuiteClasses.xmlClass(u.className())));
            if (classes.size() > plan.gates().get(test.getName()).size()) {
                test.setXmlPackages(new ArrayList<>());
                test.setXmlClasses(classes);
                kept.add(test);
            }
        }
        suite.setTests(kept);
        suite.setName(suite.getName() + " [shard " + shard + "]");
        return plan;
    }
}
