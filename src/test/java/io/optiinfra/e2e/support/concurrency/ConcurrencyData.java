package io.optiinfra.e2e.support.concurrency;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import io.optiinfra.e2e.support.data.TestData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/** {@code testdata/concurrency.json}, read strictly (an unknown property is an error, not a silent default). */
public record ConcurrencyData(@JsonProperty("_comment") String comment, int contenders, Rightsizing rightsizing,
                              SloBreaking sloBreaking, BusyDeployment busyDeployment, int claimContenders) {

    public record Rightsizing(String fleet, String deployment, String targetInstanceType, String targetMarket) {}

    public record SloBreaking(String fleet, double sloP95Ms) {}

    public record BusyDeployment(String fleet, String deployment, List<String> recommendationTypes) {}

    public static ConcurrencyData load() {
        try {
            return TestData.mapper().copy()
                    .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                    .readValue(Files.readString(TestData.resolve("concurrency.json")), ConcurrencyData.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read testdata/concurrency.json", e);
        }
    }
}
