package io.optiinfra.e2e.support.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.e2e.support.data.TestData;

/** The SPEC scenario or area of a suite class (testdata/report-areas.json), as its tests' report description. */
final class ReportAreas {
    private static final JsonNode AREAS = TestData.readTree("report-areas.json");

    private ReportAreas() {}

    private static final java.util.regex.Pattern SCENARIO = java.util.regex.Pattern.compile("Scenario (\\d+)\\b");

    /** The SPEC §7 scenario number a class implements ("SPEC §7 Scenario 6: rollback" gives 6). */
    static java.util.Optional<Integer> scenario(Class<?> testClass) {
        JsonNode byClass = AREAS.path("classes").path(testClass.getSimpleName());
        java.util.regex.Matcher m = SCENARIO.matcher(byClass.asText(""));
        return m.find() ? java.util.Optional.of(Integer.parseInt(m.group(1))) : java.util.Optional.empty();
    }

    static String describe(Class<?> testClass) {
        JsonNode byClass = AREAS.path("classes").path(testClass.getSimpleName());
        if (byClass.isTextual()) {
            return byClass.asText();
        }
        String pkg = testClass.getPackageName();
        JsonNode byPackage = AREAS.path("packages").path(pkg.substring(pkg.lastIndexOf('.') + 1));
        return byPackage.isTextual() ? byPackage.asText() : null;
    }
}
