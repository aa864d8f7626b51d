package io.optiinfra.common;

import org.testng.annotations.Test;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertThrows;

/** Wrong JSON types must be client errors, not silently coerced values. */
public class JsonStrictnessTest {
    record Sample(String name, Integer count, Double value, Boolean flag) {}

    @Test
    public void wellTypedBodyParses() {
        Sample s = Json.read("{\"name\":\"a\",\"count\":3,\"value\":1.5,\"flag\":true}", Sample.class);
        assertEquals(s, new Sample("a", 3, 1.5, true));
    }

    @Test
    public void integerIsAcceptedWhereADecimalIsExpected() {
        assertEquals(Json.read("{\"value\":2}", Sample.class).value(), 2.0);
    }

    @Test
    public void numberForAStringIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Json.read("{\"name\":7}", Sample.class));
    }

    @Test
    public void stringForANumberIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Json.read("{\"count\":\"3\"}", Sample.class));
        assertThrows(IllegalArgumentException.class, () -> Json.read("{\"value\":\"1.5\"}", Sample.class));
    }

    @Test
    public void decimalForAnIntegerIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Json.read("{\"count\":1.5}", Sample.class));
    }

    @Test
    public void trailingGarbageIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Json.read("{\"name\":\"a\"} x", Sample.class));
    }
}
