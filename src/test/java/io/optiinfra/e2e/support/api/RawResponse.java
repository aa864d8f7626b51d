package io.optiinfra.e2e.support.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.e2e.support.data.TestData;
import io.restassured.response.Response;

import java.io.IOException;

/**
 * The one deliberate way to read an answer untyped: for the contract and bad-input tests that must see the body
 * exactly as sent (the published route table compared entry for entry, error bodies of any status, fields no record
 * should name). Everything else reads records through {@link Api}. Jackson, not JsonPath: numbers keep full precision.
 */
public final class RawResponse {
    private final Response response;

    private RawResponse(Response response) {
        this.response = response;
    }

    public static RawResponse of(Response response) {
        return new RawResponse(response);
    }

    public int status() {
        return response.statusCode();
    }

    /** The body as a tree; fails naming the status and body when it is not JSON. */
    public JsonNode json() {
        try {
            return TestData.mapper().readTree(response.asString());
        } catch (IOException e) {
            throw new AssertionError("not JSON: HTTP " + response.statusCode() + " " + response.asString(), e);
        }
    }

    /** A top-level field as text; null when the body has no such field or it is JSON null. */
    public String text(String field) {
        JsonNode value = json().get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** A top-level field exactly as sent, converted to {@code type} (e.g. a list of plain maps); null when absent. */
    public <T> T field(String field, TypeReference<T> type) {
        JsonNode value = json().get(field);
        return value == null || value.isNull() ? null : TestData.mapper().convertValue(value, type);
    }
}
