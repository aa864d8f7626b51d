package io.optiinfra.common;

import java.time.Duration;

/**
 * Process configuration: system property {@code optiinfra.<key>} first, then environment variable
 * {@code OPTIINFRA_<KEY>} (dots and dashes become underscores), then the default.
 */
public final class Config {
    private Config() {}

    public static String get(String key, String defaultValue) {
        String value = System.getProperty("optiinfra." + key);
        if (value == null || value.isBlank()) {
            value = System.getenv("OPTIINFRA_" + key.toUpperCase().replace('.', '_').replace('-', '_'));
        }
        return value == null || value.isBlank() ? defaultValue : value;
    }

    public static String require(String key) {
        String value = get(key, null);
        if (value == null) {
            throw new IllegalStateException("missing configuration optiinfra." + key);
        }
        return value;
    }

    public static int getInt(String key, int defaultValue) {
        return Integer.parseInt(get(key, String.valueOf(defaultValue)));
    }

    public static double getDouble(String key, double defaultValue) {
        return Double.parseDouble(get(key, String.valueOf(defaultValue)));
    }

    public static Duration getMillis(String key, long defaultMillis) {
        return Duration.ofMillis(Long.parseLong(get(key, String.valueOf(defaultMillis))));
    }
}
