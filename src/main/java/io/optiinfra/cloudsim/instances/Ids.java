package io.optiinfra.cloudsim.instances;

import io.optiinfra.cloudsim.catalog.Catalog;

import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Cloud-style identifiers, unique within the simulator process. */
public final class Ids {
    private static final Set<String> ISSUED = ConcurrentHashMap.newKeySet();

    private Ids() {}

    /** {@code i-} + 12 hex digits on AWS, {@code gce-} + 12 hex digits on GCP. */
    public static String instanceId(String cloud) {
        return unique(Catalog.GCP.equals(cloud) ? "gce-" : "i-");
    }

    public static String faultId() {
        return unique("flt-");
    }

    private static String unique(String prefix) {
        while (true) {
            byte[] bytes = new byte[6];
            ThreadLocalRandom.current().nextBytes(bytes);
            String id = prefix + HexFormat.of().formatHex(bytes);
            if (ISSUED.add(id)) {
                return id;
            }
        }
    }
}
