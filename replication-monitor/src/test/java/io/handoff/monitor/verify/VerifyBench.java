package io.handoff.monitor.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.localstack.LocalStack;
import io.handoff.localstack.SharedLocalStack;
import io.handoff.localstack.mariadb.DbAccount;
import io.handoff.localstack.db.DatabaseServer;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.handoff.monitor.support.MonitorBus;
import io.handoff.monitor.support.ReplicatedPair;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (its name keeps it out of every test run): VERIFY and, when it is on the
 * PATH, {@code pt-table-checksum} on the same replicated tables of the local stack; prints rows/s of
 * each as lines starting with {@code [verify-bench]}. Run by {@code bench/verify-vs-pt-table-checksum.sh}.
 * System properties: {@code verify.bench.rows} (rows in all, split over two tables; default 300000).
 *
 * <p>What each measures: VERIFY computes every chunk's checksum on the source and, at the same
 * position, on the target, and compares them. pt-table-checksum computes every chunk on the source
 * with {@code REPLACE INTO percona.checksums ... SELECT}, which the target re-executes when the
 * session's binlog format is STATEMENT; it writes on the source, VERIFY does not.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class VerifyBench {
    private static final String PREFIX = "[verify-bench] ";

    private final LocalStack stack = SharedLocalStack.get();
    private final ReplicatedPair servers = new ReplicatedPair(stack);
    private final String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

    @Test
    void verifyAndPtTableChecksumOnTheSameTables() throws Exception {
        // This class runs in its own Quarkus application (a test profile): the driver registered with
        // DriverManager by an earlier application's class loader is not visible here until loaded again.
        Class.forName("org.mariadb.jdbc.Driver");
        long rows = Long.getLong("verify.bench.rows", 300_000);
        servers.standalone(List.of());
        try {
            seed(rows / 2);
            print("machine: %d cores, MariaDB %s, %d rows in %s.items (BIGINT key) and %s.ledger (composite key)",
                    Runtime.getRuntime().availableProcessors(), servers.value(servers.source(), "SELECT VERSION()"),
                    2 * (rows / 2), schema, schema);
            runVerify();
            runPtTableChecksum();
        } finally {
            servers.standalone(List.of(schema, "percona", "percona_dsn"));
        }
    }

    private void seed(long perTable) throws Exception {
        servers.replicatedTable(schema);
        servers.admin(servers.source(),
                "CREATE TABLE " + schema + ".items (id BIGINT PRIMARY KEY, sku VARCHAR(32) NOT NULL, title VARCHAR(120),"
                        + " price DECIMAL(12,2) NOT NULL, stock INT NOT NULL, updated DATETIME(6) NOT NULL)",
                "CREATE TABLE " + schema + ".ledger (account INT NOT NULL, seq BIGINT NOT NULL, amount DECIMAL(14,2) NOT NULL,"
                        + " memo VARCHAR(64), PRIMARY KEY (account, seq))");
        for (long from = 1; from <= perTable; from += 50_000) {
            long to = Math.min(perTable, from + 49_999);
            String seq = schema + ".seq_" + from + "_to_" + to;
            servers.admin(servers.source(),
                    "INSERT INTO " + schema + ".items SELECT seq, CONCAT('SKU-', seq), CONCAT('item number ', seq, ' ', MD5(seq)),"
                            + " seq / 100, seq % 1000, '2026-11-25 00:00:00' + INTERVAL seq SECOND FROM " + seq,
                    "INSERT INTO " + schema + ".ledger SELECT seq % 1000, seq, seq / 3, IF(seq % 7 = 0, NULL, CONCAT('memo ', seq))"
                            + " FROM " + seq);
        }
        String position = servers.value(servers.source(), "SELECT @@GLOBAL.gtid_binlog_pos");
        assertThat(servers.value(servers.target(), "SELECT MASTER_GTID_WAIT('" + position + "', 300)")).isEqualTo("0");
    }

    private void runVerify() throws Exception {
        try (MonitorBus bus = new MonitorBus(stack.kafka().bootstrapServers(), "bench-" + schema)) {
            long start = System.nanoTime();
            StepEvent verified = bus.run(StepCommand.issue("bench-" + schema, "1-VERIFY", StepType.VERIFY,
                    Map.of(StepParams.CLUSTER, "target", StepParams.SOURCE_CLUSTER, "source", StepParams.SCHEMAS, List.of(schema)),
                    1, Instant.now().plus(Duration.ofMinutes(10)), 0, Clock.systemUTC()));
            long wallMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(verified.kind()).as("VERIFY: %s", verified.failure()).isEqualTo(StepEventKind.SUCCEEDED);
            Map<String, Object> facts = verified.facts();
            print("VERIFY: %s rows in %s chunks, %s ms in the step (%s ms command to outcome), %s rows/s, drift %s",
                    facts.get(VerifyReport.FACT_ROWS), facts.get(VerifyReport.FACT_CHUNKS), facts.get(VerifyReport.FACT_DURATION_MS),
                    wallMs, facts.get(VerifyReport.FACT_ROWS_PER_SECOND), facts.get(VerifyReport.FACT_DRIFT));
        }
    }

    private void runPtTableChecksum() throws Exception {
        Path tool = findOnPath("pt-table-checksum");
        if (tool == null) {
            print("pt-table-checksum: not installed (apt-get install -y percona-toolkit); no comparison");
            return;
        }
        DbAccount admin = stack.accounts().admin();
        Path options = Files.createTempFile("pt-client", ".cnf", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(options, "[client]\nuser=" + admin.user() + "\npassword=" + admin.password() + "\n",
                    StandardCharsets.UTF_8);
            DatabaseServer source = servers.source();
            DatabaseServer target = servers.target();
            servers.admin(source, "CREATE DATABASE IF NOT EXISTS percona_dsn",
                    "CREATE TABLE percona_dsn.dsns (id INT AUTO_INCREMENT PRIMARY KEY, parent_id INT, dsn VARCHAR(255) NOT NULL)",
                    "INSERT INTO percona_dsn.dsns (dsn) VALUES ('h=" + target.host() + ",P=" + target.port() + ",F=" + options + "')");
            List<String> command = new ArrayList<>(List.of(tool.toString(), "--no-check-binlog-format",
                    "--recursion-method=dsn=h=" + source.host() + ",P=" + source.port() + ",F=" + options + ",D=percona_dsn,t=dsns",
                    "--databases=" + schema, "--tables=items,ledger", "--chunk-time=0.5", "--replicate=percona.checksums",
                    "--no-version-check", "h=" + source.host() + ",P=" + source.port() + ",F=" + options));
            Path output = Files.createTempFile("pt-table-checksum", ".out");
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean ended = process.waitFor(10, TimeUnit.MINUTES);
            long wallMs = (System.nanoTime() - start) / 1_000_000;
            if (!ended) {
                process.destroyForcibly();
            }
            List<String> lines = Files.readAllLines(output);
            Files.deleteIfExists(output);
            long rows = 0;
            long chunks = 0;
            long diffs = 0;
            for (String line : lines) {
                String[] fields = line.trim().split("\\s+");
                // TS ERRORS DIFFS ROWS DIFF_ROWS CHUNKS SKIPPED TIME TABLE
                if (fields.length == 9 && fields[8].startsWith(schema + ".")) {
                    diffs += Long.parseLong(fields[2]);
                    rows += Long.parseLong(fields[3]);
                    chunks += Long.parseLong(fields[5]);
                }
            }
            if (rows == 0) {
                print("pt-table-checksum: exit %s after %d ms without a result; its output:", ended ? process.exitValue() : "timeout", wallMs);
                lines.forEach(line -> print("  %s", line));
                return;
            }
            print("pt-table-checksum: %d rows in %d chunks, %d ms, %d rows/s, diffs %d (exit %d)", rows, chunks, wallMs,
                    Math.round(rows * 1000.0 / Math.max(1, wallMs)), diffs, process.exitValue());
        } finally {
            Files.deleteIfExists(options);
        }
    }

    private static Path findOnPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static void print(String format, Object... args) {
        System.out.println(PREFIX + String.format(format, args));
        System.out.flush();
    }
}
