package io.optiinfra.e2e.support.shard;

import org.testng.annotations.Test;
import org.testng.xml.XmlClass;
import org.testng.xml.XmlPackage;
import org.testng.xml.XmlTest;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The test classes one {@code <test>} of a suite file selects: its classes and packages, kept when at least one
 * enabled {@code @Test} method passes the {@code <test>}'s group filter (the same rule TestNG applies per method).
 */
final class SuiteClasses {
    private SuiteClasses() {}

    /** A selected class and whether it is a gate: every selected method is in the gate group (smoke). */
    record Selected(String className, boolean gate) {}

    static List<Selected> of(XmlTest test, String gateGroup) {
        Set<String> names = new LinkedHashSet<>();
        test.getXmlClasses().forEach(c -> names.add(c.getName()));
        for (XmlPackage xmlPackage : test.getXmlPackages()) {
            xmlPackage.getXmlClasses().forEach(c -> names.add(c.getName()));
        }
        Set<String> included = new HashSet<>(test.getIncludedGroups());
        Set<String> excluded = new HashSet<>(test.getExcludedGroups());
        List<Selected> selected = new ArrayList<>();
        for (String name : names.stream().sorted().toList()) {
            List<Set<String>> methods = selectedMethodGroups(load(name), included, excluded);
            if (!methods.isEmpty()) {
                selected.add(new Selected(name, methods.stream().allMatch(groups -> groups.contains(gateGroup))));
            }
        }
        return selected;
    }

    /** Groups of each selected test method of the class. */
    private static List<Set<String>> selectedMethodGroups(Class<?> type, Set<String> included, Set<String> excluded) {
        if (Modifier.isAbstract(type.getModifiers()) || type.isInterface()) {
            return List.of();
        }
        Test classLevel = type.getAnnotation(Test.class);
        List<Set<String>> selected = new ArrayList<>();
        for (Method method : type.getMethods()) {
            Test annotation = method.getAnnotation(Test.class);
            if (annotation == null && (classLevel == null || method.getDeclaringClass() == Object.class)) {
                continue;
            }
            Test effective = annotation != null ? annotation : classLevel;
            if (!effective.enabled()) {
                continue;
            }
            Set<String> groups = new HashSet<>(Arrays.asList(effective.groups()));
            if (classLevel != null) {
                groups.addAll(Arrays.asList(classLevel.groups()));
            }
            boolean in = included.isEmpty() || groups.stream().anyMatch(included::contains);
            boolean out = groups.stream().anyMatch(excluded::contains);
            if (in && !out) {
                selected.add(groups);
            }
        }
        return selected;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("suite file names " + name + " but it is not on the test classpath", e);
        }
    }

    static XmlClass xmlClass(String name) {
        return new XmlClass(name, false);
    }
}
