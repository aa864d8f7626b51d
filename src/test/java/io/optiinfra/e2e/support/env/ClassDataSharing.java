package io.optiinfra.e2e.support.env;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * AppCDS for the platform's JVMs: the first boot after a build runs the orchestrator with
 * {@code -XX:ArchiveClassesAtExit}, later boots map that archive into every platform JVM instead of loading, parsing
 * and verifying the same few thousand classes nine times on two cores (measured: eight JVMs healthy in 3.2 s instead
 * of 5.4 s). CDS archives classes from jars only, so target/classes is packed into a jar first. Both files are named
 * by a fingerprint of the build output, the dependency classpath and the JDK (the archive also by whether the coverage
 * agent runs), so a rebuild never
 * maps a stale archive. The archive is only published when its JVM exited normally (a killed one wrote nothing whole).
 * Off with {@code -Dcds=false}.
 */
final class ClassDataSharing {
    /** The JVM refuses an archive dumped with a Java agent unless both dump and use state this. */
    private static final List<String> AGENT_FLAGS = List.of("-XX:+UnlockDiagnosticVMOptions",
            "-XX:+AllowArchivingWithJavaAgent");
    private static final int SIGKILLED = 128 + 9;

    private final Path dir;
    private final Path archive;
    private final String classpath;
    private final boolean withAgent;
    /** Whether this build's archive existed when the environment was prepared: fixed for the whole boot. */
    private final boolean warm;
    private final List<Dump> dumps = new ArrayList<>();

    private record Dump(ManagedProcess process, Path file) {}

    private ClassDataSharing(Path dir, Path archive, String classpath, boolean withAgent) {
        this.dir = dir;
        this.archive = archive;
        this.classpath = classpath;
        this.withAgent = withAgent;
        this.warm = Files.isRegularFile(archive);
    }

    /** Packs the classes (once per build output) and decides whether this boot maps or dumps an archive. */
    static ClassDataSharing prepare(Path cdsDir, Path classes, String dependencies, boolean withAgent) {
        try {
            Files.createDirectories(cdsDir);
            String key = fingerprint(classes, dependencies);
            Path jar = cdsDir.resolve("platform-" + key + ".jar");
            removeOtherBuilds(cdsDir, key);
            if (!Files.isRegularFile(jar)) {
                Path tmp = Files.createTempFile(cdsDir, "platform-", ".jar.tmp");
                packJar(classes, tmp);
                Files.move(tmp, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            // runs with and without the coverage agent (make up) each keep their own archive of the same build
            return new ClassDataSharing(cdsDir, cdsDir.resolve("platform-" + key + (withAgent ? "-coverage" : "") + ".jsa"),
                    jar + java.io.File.pathSeparator + dependencies, withAgent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the platform's class data sharing in " + cdsDir, e);
        }
    }

    String classpath() {
        return classpath;
    }

    /** True when this boot maps an archive a previous boot of the same build dumped (a warm boot). */
    boolean warm() {
        return warm;
    }

    /**
     * JVM flags for a platform JVM; {@code dumpFile} is non-null for the one JVM that writes the archive when there is
     * none yet (see {@link #newDumpFile()}).
     */
    List<String> flags(Path dumpFile) {
        List<String> flags = new ArrayList<>(withAgent ? AGENT_FLAGS : List.of());
        if (warm) {
            flags.add("-XX:SharedArchiveFile=" + archive);
        } else if (dumpFile != null) {
            flags.add("-XX:ArchiveClassesAtExit=" + dumpFile);
        } else {
            return List.of();
        }
        flags.add("-Xlog:cds=off,cds+dynamic=off"); // the dump lists every class it skips: noise in the service log
        return flags;
    }

    /** A fresh file name for one dumping JVM (each restart of the dumper writes its own). */
    Path newDumpFile() {
        return dir.resolve(archive.getFileName() + "." + LocalEnvironment.randomHex(4) + ".tmp");
    }

    void dumping(ManagedProcess process, Path file) {
        synchronized (dumps) {
            dumps.add(new Dump(process, file));
        }
    }

    /** After the platform stopped: the archive of a dumper that exited normally becomes this build's archive. */
    void publish() {
        synchronized (dumps) {
            for (Dump dump : dumps) {
                try {
                    boolean whole = !dump.process().isAlive() && dump.process().exitValue() != SIGKILLED
                            && Files.isRegularFile(dump.file()) && Files.size(dump.file()) > 0;
                    if (whole && !Files.exists(archive)) {
                        Files.move(dump.file(), archive, StandardCopyOption.ATOMIC_MOVE);
                    }
                    Files.deleteIfExists(dump.file());
                } catch (IOException e) {
                    System.err.println("class data sharing archive not published: " + e.getMessage());
                }
            }
            dumps.clear();
        }
    }

    private static String fingerprint(Path classes, String dependencies) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        update(digest, dependencies + "|" + System.getProperty("java.home") + "|" + Runtime.version());
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                // contents, not times: jte rewrites its generated sources on every build, so the classes' times change
                update(digest, classes.relativize(file).toString());
                digest.update(Files.readAllBytes(file));
            }
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    }

    private static void update(MessageDigest digest, String value) {
        digest.update(value.getBytes(StandardCharsets.UTF_8));
    }

    /** The jar keeps directory entries: Flyway finds db/migration through ClassLoader.getResources of the directory. */
    private static void packJar(Path classes, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
             Stream<Path> paths = Files.walk(classes)) {
            for (Path path : paths.sorted().toList()) {
                String name = classes.relativize(path).toString().replace('\\', '/');
                if (name.isEmpty()) {
                    continue;
                }
                boolean directory = Files.isDirectory(path);
                zip.putNextEntry(new JarEntry(directory ? name + "/" : name));
                if (!directory) {
                    Files.copy(path, zip);
                }
                zip.closeEntry();
            }
        }
    }

    private static void removeOtherBuilds(Path cdsDir, String key) throws IOException {
        try (Stream<Path> files = Files.list(cdsDir)) {
            for (Path file : files.filter(f -> !f.getFileName().toString().contains(key)).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
