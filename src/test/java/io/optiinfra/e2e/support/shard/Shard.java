package io.optiinfra.e2e.support.shard;

/** One slice of a suite: {@code -Dshard=i/n}, 1 ≤ i ≤ n. */
public record Shard(int index, int count) {

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("a shard is i/n with 1 <= i <= n, got " + index + "/" + count);
        }
    }

    public static Shard parse(String spec) {
        String[] parts = spec.trim().split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("-Dshard=" + spec + ": expected i/n, e.g. 2/3");
        }
        try {
            return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-Dshard=" + spec + ": expected i/n, e.g. 2/3", e);
        }
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
