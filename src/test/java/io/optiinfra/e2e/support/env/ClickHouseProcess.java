package io.optiinfra.e2e.support.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Debian's clickhouse-server (18.16) as a child process with a generated config under target/. */
final class ClickHouseProcess {
    private ClickHouseProcess() {}

    static ManagedProcess start(Path dir, Path logDir, int httpPort, int tcpPort) throws IOException {
        Files.createDirectories(dir);
        Path config = dir.resolve("config.xml");
        Path users = dir.resolve("users.xml");
        Files.writeString(users, """
                <?xml version="1.0"?>
                <yandex>
                  <profiles><default><max_memory_usage>2000000000</max_memory_usage></default></profiles>
                  <users><default><password></password><networks><ip>::/0</ip></networks>
                    <profile>default</profile><quota>default</quota></default></users>
                  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors>
                    <result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time>
                  </interval></default></quotas>
                </yandex>
                """);
        Files.writeString(config, """
                <?xml version="1.0"?>
                <yandex>
                  <logger><level>warning</level><log>%1$s/clickhouse-server.log</log>
                    <errorlog>%1$s/clickhouse-server.err.log</errorlog></logger>
                  <http_port>%2$d</http_port>
                  <tcp_port>%3$d</tcp_port>
                  <listen_host>127.0.0.1</listen_host>
                  <path>%4$s/data/</path>
                  <tmp_path>%4$s/tmp/</tmp_path>
                  <user_files_path>%4$s/user_files/</user_files_path>
                  <format_schema_path>%4$s/format_schemas/</format_schema_path>
                  <users_config>%5$s</users_config>
                  <default_profile>default</default_profile>
                  <default_database>default</default_database>
                  <timezone>UTC</timezone>
                  <mark_cache_size>536870912</mark_cache_size>
                  <mlock_executable>false</mlock_executable>
                </yandex>
                """.formatted(logDir.toAbsolutePath(), httpPort, tcpPort, dir.toAbsolutePath(), users.toAbsolutePath()));
        // its stdout says only where it logs: the error log says why it exited (exit 70 is any exception at start)
        return ManagedProcess.start("clickhouse", List.of(executable(), "--config-file=" + config.toAbsolutePath()),
                java.util.Map.of(), dir, logDir.resolve("clickhouse.out.log"),
                List.of(logDir.resolve("clickhouse-server.err.log"), logDir.resolve("clickhouse-server.log")));
    }

    private static String executable() {
        for (String candidate : List.of("/usr/sbin/clickhouse-server", "/usr/bin/clickhouse-server")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("clickhouse-server is not installed: run `make setup`");
    }
}
