package io.optiinfra.e2e.support.env;

import org.testng.annotations.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

/**
 * The platform's class data sharing: one archive per build content (not per file time), directory entries kept in the
 * packed jar, the dumper alone writes on a cold boot and every JVM maps the archive on a warm one.
 */
public class ClassDataSharingTest {

    @Test
    public void jarKeepsDirectoryEntriesAndIsNamedByContentNotTime() throws IOException {
        Path root = Files.createTempDirectory("cds-test");
        Path classes = build(root);
        ClassDataSharing first = ClassDataSharing.prepare(root.resolve("cds"), classes, "deps.jar", false);
        Path jar = Path.of(first.classpath().split(java.io.File.pathSeparator)[0]);
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> names = Collections.list(file.entries()).stream().map(e -> e.getName()).toList();
            assertThat("entries of the packed jar (Flyway finds db/migration through its directory entry)", names,
                    hasItems("db/", "db/migration/", "db/migration/V1__init.sql", "io/A.class"));
        }

        Files.setLastModifiedTime(classes.resolve("io/A.class"), FileTime.fromMillis(0)); // jte-style rewrite
        assertThat("same content, same build", ClassDataSharing.prepare(root.resolve("cds"), classes, "deps.jar", false)
                .classpath(), equalTo(first.classpath()));

        Files.writeString(classes.resolve("io/A.class"), "changed");
        String rebuilt = ClassDataSharing.prepare(root.resolve("cds"), classes, "deps.jar", false).classpath();
        assertThat("new content, new build", rebuilt, not(equalTo(first.classpath())));
        assertThat("the previous build's jar is removed", Files.exists(jar), equalTo(false));
    }

    @Test
    public void coldBootDumpsFromOneJvmAndWarmBootMapsInEvery() throws IOException {
        Path root = Files.createTempDirectory("cds-test");
        Path classes = build(root);
        ClassDataSharing cold = ClassDataSharing.prepare(root.resolve("cds"), classes, "deps.jar", true);
        assertThat(cold.warm(), equalTo(false));
        Path dumpFile = cold.newDumpFile();
        assertThat(cold.flags(dumpFile), hasItems("-XX:+AllowArchivingWithJavaAgent",
                "-XX:ArchiveClassesAtExit=" + dumpFile));
        assertThat("the other JVMs of a cold boot run without CDS flags", cold.flags(null), empty());

        Files.writeString(archiveOf(root), "archive"); // what publish() leaves after a dumper exited normally
        ClassDataSharing warm = ClassDataSharing.prepare(root.resolve("cds"), classes, "deps.jar", true);
        assertThat(warm.warm(), equalTo(true));
        assertThat(warm.flags(null), hasItem("-XX:SharedArchiveFile=" + archiveOf(root)));
        assertThat("an archive dumped with the coverage agent is not mapped without it",
                ClassDataSharing.prepare(root.resolve("cds"), classes, "deps.jar", false).warm(), equalTo(false));
    }

    private static Path archiveOf(Path root) throws IOException {
        try (var files = Files.list(root.resolve("cds"))) {
            String jar = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).findFirst().orElseThrow();
            return root.resolve("cds").resolve(jar.replace(".jar", "-coverage.jsa"));
        }
    }

    private static Path build(Path root) throws IOException {
        Path classes = root.resolve("classes");
        Files.createDirectories(classes.resolve("db/migration"));
        Files.createDirectories(classes.resolve("io"));
        Files.writeString(classes.resolve("db/migration/V1__init.sql"), "CREATE TABLE t (id int);");
        Files.writeString(classes.resolve("io/A.class"), "bytes");
        return classes;
    }
}
