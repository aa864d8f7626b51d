package io.optiinfra.cloudsim.deployments;

import io.optiinfra.common.ApiException;

import java.util.List;

/** Weight precisions a deployment can serve with. */
public final class Quantization {
    public static final String FP16 = "fp16";
    public static final String FP8 = "fp8";
    public static final String INT8 = "int8";
    public static final String INT4 = "int4";
    public static final List<String> ALL = List.of(FP16, FP8, INT8, INT4);

    private Quantization() {}

    /** {@code null} keeps {@code current}; an unknown precision is a 400. */
    public static String parse(String value, String current) {
        if (value == null) {
            return current;
        }
        if (!ALL.contains(value)) {
            throw ApiException.badRequest("quantization must be one of " + ALL + ", not '" + value + "'");
        }
        return value;
    }
}
