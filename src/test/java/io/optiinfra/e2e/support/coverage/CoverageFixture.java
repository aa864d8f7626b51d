package io.optiinfra.e2e.support.coverage;

/**
 * A tiny class for {@link MergeCoverageTest}: one run calls {@link #left}, another {@link #right}, so each run's
 * execution data covers lines the other's does not, and neither calls {@link #neither}. Six lines, two per method
 * (JaCoCo does not count a private empty constructor).
 */
public final class CoverageFixture {
    private CoverageFixture() {}

    public static int left(int x) {
        int doubled = x * 2;
        return doubled + 1;
    }

    public static int right(int x) {
        int tripled = x * 3;
        return tripled - 1;
    }

    public static int neither(int x) {
        int squared = x * x;
        return squared + 2;
    }
}
