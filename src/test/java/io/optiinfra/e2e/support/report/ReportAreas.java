package io.optiinfra.e2e.support.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.e2e.support.data.TestData;

/** The SPEC scenario or area of a suite class (testdata/report-areas.json), as its tests' report description. */
final class ReportAreas {
    private static final JsonNode AREAS = TestData.readTree("report-areas.json");

    private ReportAreas() {}

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
