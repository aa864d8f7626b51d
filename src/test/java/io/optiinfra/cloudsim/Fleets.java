package io.optiinfra.cloudsim;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.cloudsim.seed.FleetDocument;
import io.optiinfra.common.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/** Fleet files of testdata/fleets for the simulator's unit tests. */
final class Fleets {
    static final List<String> ALL = List.of("aws-small", "aws-medium", "aws-large", "gcp-medium", "multicloud-aws",
            "multicloud-gcp", "multicloud-gcp-to-aws", "multicloud-aws-steady");

    private Fleets() {}

    static Path file(String name) {
        String projectDir = System.getProperty("optiinfra.projectDir", "");
        Path base = projectDir.isBlank() ? Path.of("") : Path.of(projectDir);
        return base.resolve("testdata/fleets/" + name + ".json").toAbsolutePath();
    }

    static String raw(String name) {
        try {
            return Files.readString(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(String name) {
        return Json.read(raw(name));
    }

    static FleetDocument document(String name) {
        return Json.read(raw(name), FleetDocument.class);
    }

    /** A fresh customer id, so tests never share an account. */
    static String customer() {
        return "cust-" + UUID.randomUUID();
    }
}
