package io.optiinfra.e2e.support.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.restassured.response.Response;

import java.io.IOException;
import java.util.List;

/** Reads platform answers into the suite's records (Jackson keeps full double precision, unlike JsonPath floats). */
public final class Api {
    /** Lenient on purpose: the platform may add fields; the records name what the suite relies on. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // a number sent as text ("5") is a contract break, not a number: records must not hide it
            .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS).build();

    private Api() {}

    public static <T> T read(Response response, Class<T> type) {
        ok(response);
        try {
            return MAPPER.readValue(response.asString(), type);
        } catch (IOException e) {
            throw new AssertionError("HTTP " + response.statusCode() + " is not a " + type.getSimpleName() + ": "
                    + response.asString(), e);
        }
    }

    public static <T> List<T> list(Response response, Class<T> type) {
        ok(response);
        try {
            return MAPPER.readValue(response.asString(), MAPPER.getTypeFactory().constructCollectionType(List.class,
                    type));
        } catch (IOException e) {
            throw new AssertionError("HTTP " + response.statusCode() + " is not a list of " + type.getSimpleName()
                    + ": " + response.asString(), e);
        }
    }

    /** The body as a record whatever the status (the caller asserts the status itself, e.g. /health's 503). */
    public static <T> T body(Response response, Class<T> type) {
        return parse(response.asString(), type);
    }

    /** A JSON text read into a record (unit tests of the matchers feed answers the platform could send). */
    public static <T> T parse(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new AssertionError("not a " + type.getSimpleName() + ": " + json, e);
        }
    }

    public static JsonNode tree(Response response) {
        return read(response, JsonNode.class);
    }

    /** A part of an answer kept as a tree (its shape depends on a sibling field) read into a record. */
    public static <T> T convert(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (IOException e) {
            throw new AssertionError("not a " + type.getSimpleName() + ": " + node, e);
        }
    }

    private static void ok(Response response) {
        if (response.statusCode() != 200) {
            throw new AssertionError("expected HTTP 200 but got " + response.statusCode() + ": " + response.asString());
        }
    }
}
