package io.optiinfra.cloudsim.catalog;

import io.optiinfra.common.ApiException;

import java.util.List;
import java.util.Optional;

/**
 * The fixed price list of the simulated clouds: GPU instance types (on-demand and spot hourly prices, spot
 * interruption rates, relative inference performance) and egress prices between clouds. Immutable, so shared freely.
 */
public final class Catalog {
    public static final String AWS = "aws";
    public static final String GCP = "gcp";
    public static final List<String> CLOUDS = List.of(AWS, GCP);
    /** Money per month is always hourly price × 730 h, whatever the simulated time scale. */
    public static final double HOURS_PER_MONTH = 730.0;

    private static final List<String> AWS_REGIONS = List.of("us-east-1");
    private static final List<String> GCP_REGIONS = List.of("us-central1");

    private static final List<InstanceType> TYPES = List.of(
            new InstanceType(AWS, "p4d.24xlarge", AWS_REGIONS, "A100-40GB", 8, 40, 32.7726, 11.5700, 0.05, 1.0, 19.2200),
            new InstanceType(AWS, "p4de.24xlarge", AWS_REGIONS, "A100-80GB", 8, 80, 40.9657, 14.3400, 0.05, 1.1, 24.0500),
            new InstanceType(AWS, "g5.12xlarge", AWS_REGIONS, "A10G", 4, 24, 5.6720, 2.2688, 0.07, 0.35, 3.5700),
            new InstanceType(AWS, "g5.2xlarge", AWS_REGIONS, "A10G", 1, 24, 1.2120, 0.4848, 0.08, 0.09, 0.7620),
            new InstanceType(GCP, "a2-highgpu-8g", GCP_REGIONS, "A100-40GB", 8, 40, 29.3874, 8.8162, 0.06, 0.95, 18.5100),
            new InstanceType(GCP, "g2-standard-8", GCP_REGIONS, "L4", 1, 24, 0.8536, 0.3414, 0.07, 0.08, 0.5380));

    private static final List<EgressPrice> EGRESS = List.of(
            new EgressPrice(AWS, AWS, 0.01),
            new EgressPrice(AWS, GCP, 0.09),
            new EgressPrice(GCP, AWS, 0.12),
            new EgressPrice(GCP, GCP, 0.01));

    private Catalog() {}

    public static List<InstanceType> instanceTypes() {
        return TYPES;
    }

    public static List<EgressPrice> egress() {
        return EGRESS;
    }

    public static Optional<InstanceType> find(String cloud, String name) {
        return TYPES.stream().filter(t -> t.cloud().equals(cloud) && t.name().equals(name)).findFirst();
    }

    /** The type by name in any cloud (names do not collide between clouds). */
    public static Optional<InstanceType> find(String name) {
        return TYPES.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The type, or a 400 naming what is wrong. */
    public static InstanceType require(String cloud, String name) {
        requireCloud(cloud);
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("instance_type is required");
        }
        return find(cloud, name).orElseThrow(() ->
                ApiException.badRequest("unknown instance_type '" + name + "' in cloud " + cloud));
    }

    /** The type in that cloud and available in that region, or a 400. */
    public static InstanceType require(String cloud, String region, String name) {
        InstanceType type = require(cloud, name);
        if (region == null || !type.availableIn(region)) {
            throw ApiException.badRequest("instance_type " + name + " is not offered in region " + region
                    + " of " + cloud + " (regions: " + type.regions() + ")");
        }
        return type;
    }

    public static String requireCloud(String cloud) {
        if (cloud == null || !CLOUDS.contains(cloud)) {
            throw ApiException.badRequest("cloud must be one of " + CLOUDS + ", not '" + cloud + "'");
        }
        return cloud;
    }

    public static double egressPerGb(String fromCloud, String toCloud) {
        return EGRESS.stream().filter(e -> e.fromCloud().equals(fromCloud) && e.toCloud().equals(toCloud))
                .findFirst().map(EgressPrice::pricePerGb)
                .orElseThrow(() -> ApiException.badRequest("no egress price " + fromCloud + " -> " + toCloud));
    }
}
