package io.optiinfra.e2e.support.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.restassured.response.Response;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Reads platform answers into the suite's records (Jackson keeps full double precision, unlike JsonPath floats). */
public final class Api {
    /** Lenient on purpose: the platform may add fields; the records name what the suite relies on. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

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

    public static JsonNode tree(Response response) {
        return read(response, JsonNode.class);
    }

    /** A parsed map (for the matchers that take the SPEC §5 shape as a map). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object record) {
        return MAPPER.convertValue(record, Map.class);
    }

    private static void ok(Response response) {
        if (response.statusCode() != 200) {
            throw new AssertionError("expected HTTP 200 but got " + response.statusCode() + ": " + response.asString());
        }
    }
}
