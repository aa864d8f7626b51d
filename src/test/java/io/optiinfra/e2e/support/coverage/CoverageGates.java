package io.optiinfra.e2e.support.coverage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.optiinfra.e2e.support.data.TestData;

import java.util.List;

/** The per-component coverage goals of testdata/coverage-gates.json. */
@JsonIgnoreProperties(value = "_comment")
public record CoverageGates(List<Component> components) {

    /** A component of the platform by package prefix; coverage below {@code acceptable} fails, below target warns. */
    public record Component(String name, List<String> packages, double target, double acceptable) {
        boolean contains(String dottedPackage) {
            return packages.stream().anyMatch(p -> dottedPackage.equals(p) || dottedPackage.startsWith(p + "."));
        }
    }

    public static CoverageGates load() {
        return TestData.read("coverage-gates.json", CoverageGates.class);
    }
}
