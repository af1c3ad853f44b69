package io.handoff.monitor.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.localstack.LocalStack;
import io.handoff.localstack.SharedLocalStack;
import io.handoff.localstack.db.DatabaseServer;
import io.handoff.localstack.mariadb.DbAccount;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.handoff.monitor.support.MonitorBus;
import io.handoff.monitor.support.Numbers;
import io.handoff.monitor.support.ReplicatedPair;
import io.handoff.verify.VerifyConfig;
import io.handoff.verify.VerifyReport;
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
 * PATH, {@code pt-table-checksum} on the same replicated tables of the same local stack, in one run,
 * first with source and target equal, then with differences injected on the target alone; prints
 * rows/s of each, the ratio {@code VERIFY / pt-table-checksum} and whether VERIFY named every injected
 * key (and nothing else), as lines starting with {@code [verify-bench]}. Never asserts a time. Run by
 * {@code bench/verify-vs-pt-table-checksum.sh}. System property {@code verify.bench.rows}: rows in all,
 * split over six tables of mixed types and widths (default 2,000,000); {@code verify.bench.repeats}: runs
 * of each tool per case, alternating, the ratio comparing medians (default 5).
 *
 * <p>What each time covers. VERIFY (command to outcome through the command topic): every chunk's
 * checksum on the source and, at the same GTID position, on the target, compared, and with
 * differences the narrowing to rows, rechecks included, until each differing key is named.
 * pt-table-checksum (its wall time): every chunk checksummed on the source with
 * {@code REPLACE INTO percona.checksums ... SELECT} in a STATEMENT-format session, which the replica
 * (the target, through the stack's real replication) re-executes on its own data; pt waits for the
 * replica and reads its checksums, so its time covers both servers and it sees the target's injected
 * differences, as differing chunks per table; it does not name rows. pt writes on the source (its
 * checksum table), VERIFY writes nowhere.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class VerifyBench {
    private static final String PREFIX = "[verify-bench] ";
    /** Share of the rows per table, in per mille. */
    private static final Map<String, Integer> SHARES = new java.util.LinkedHashMap<>();

    static {
        SHARES.put("items", 300);
        SHARES.put("ledger", 250);
        SHARES.put("events", 200);
        SHARES.put("counters", 150);
        SHARES.put("docs", 75);
        SHARES.put("blobs", 25);
    }

    @jakarta.inject.Inject
    VerifyConfig config;

    private final LocalStack stack = SharedLocalStack.get();
    private final ReplicatedPair servers = new ReplicatedPair(stack);
    private final String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final Map<String, Long> rowsPerTable = new java.util.LinkedHashMap<>();
    private int steps;

    @Test
    void verifyAndPtTableChecksumOnTheSameTables() throws Exception {
        // This class runs in its own Quarkus application (a test profile): the driver registered with
        // DriverManager by an earlier application's class loader is not visible here until loaded again.
        Class.forName("org.mariadb.jdbc.Driver");
        Class.forName("com.mysql.cj.jdbc.Driver");
        long rows = Long.getLong("verify.bench.rows", 2_000_000);
        int repeats = Integer.getInteger("verify.bench.repeats", 5);
        servers.standalone(List.of());
        try {
            long seedStart = System.nanoTime();
            seed(rows);
            long total = rowsPerTable.values().stream().mapToLong(Long::longValue).sum();
            print("machine: %d cores, source %s %s, target %s %s; seeded in %d s", Runtime.getRuntime().availableProcessors(),
                    servers.source().flavor(), servers.value(servers.source(), "SELECT VERSION()"), servers.target().flavor(),
                    servers.value(servers.target(), "SELECT VERSION()"), (System.nanoTime() - seedStart) / 1_000_000_000);
            print("data: %d rows in %d tables of %s: %s", total, rowsPerTable.size(), schema, describeTables());

            print("VERIFY settings (handoff.verify.*, -D on the command line to change): parallel-chunks %d, chunk-time %s,"
                    + " initial/min/max-chunk-rows %d/%d/%d, narrow-rows %d, rechecks %d", config.parallelChunks(), config.chunkTime(),
                    config.initialChunkRows(), config.minChunkRows(), config.maxChunkRows(), config.narrowRows(), config.rechecks());
            print("-- clean: source and target equal (%d runs of each, alternating; the ratio compares medians)", repeats);
            compare("clean", total, List.of(), repeats);

            List<Map<String, Object>> injected = injectDifferences();
            print("-- with differences: %d keys changed on the target alone (updates, deletes, inserts in %d tables): %s",
                    injected.size(), injected.stream().map(d -> d.get("table")).distinct().count(),
                    injected.stream().map(VerifyBench::label).toList());
            compare("with differences", total, injected, repeats);
        } finally {
            servers.standalone(List.of(schema, "percona", "percona_dsn"));
        }
    }

    /** One tool's run: its wall time in ms ({@code -1}: not measured). */
    private record Measured(long rows, long wallMs) {
        long rowsPerSecond() {
            return Math.round(rows * 1000.0 / Math.max(1, wallMs));
        }
    }

    /** Runs VERIFY and pt-table-checksum {@code repeats} times each, alternating, and prints the ratio of their medians. */
    private void compare(String data, long total, List<Map<String, Object>> injected, int repeats) throws Exception {
        List<Measured> verify = new ArrayList<>();
        List<Measured> pt = new ArrayList<>();
        for (int run = 0; run < repeats; run++) {
            verify.add(runVerify(total, injected));
            pt.add(runPtTableChecksum(total));
        }
        Measured verifyMedian = median(verify);
        Measured ptMedian = median(pt.stream().filter(run -> run.wallMs() >= 0).toList());
        if (ptMedian.wallMs() < 0) {
            print("ratio %s: pt-table-checksum not measured", data);
            return;
        }
        print("ratio %s: VERIFY / pt-table-checksum = %.2f (medians %,d / %,d rows/s; VERIFY runs %s, pt runs %s)", data,
                (double) verifyMedian.rowsPerSecond() / Math.max(1, ptMedian.rowsPerSecond()), verifyMedian.rowsPerSecond(),
                ptMedian.rowsPerSecond(), verify.stream().map(Measured::rowsPerSecond).toList(),
                pt.stream().map(run -> run.wallMs() < 0 ? "incomplete" : String.valueOf(run.rowsPerSecond())).toList());
    }

    private static Measured median(List<Measured> runs) {
        if (runs.isEmpty()) {
            return new Measured(0, -1);
        }
        List<Measured> sorted = runs.stream().sorted(java.util.Comparator.comparingLong(Measured::wallMs)).toList();
        return sorted.get(sorted.size() / 2);
    }

    private void seed(long rows) throws Exception {
        servers.replicatedTable(schema);
        servers.admin(servers.source(), "DROP TABLE " + schema + ".rows",
                "CREATE TABLE " + schema + ".numbers (seq INT PRIMARY KEY)",
                "INSERT INTO " + schema + ".numbers SELECT seq FROM " + Numbers.upTo(Numbers.MAX),
                "CREATE TABLE " + schema + ".items (id BIGINT PRIMARY KEY, sku VARCHAR(32) NOT NULL, title VARCHAR(120),"
                        + " price DECIMAL(12,2) NOT NULL, stock INT NOT NULL, updated DATETIME(6) NOT NULL)",
                "CREATE TABLE " + schema + ".ledger (account INT NOT NULL, seq BIGINT NOT NULL, amount DECIMAL(14,2) NOT NULL,"
                        + " memo VARCHAR(64), PRIMARY KEY (account, seq))",
                "CREATE TABLE " + schema + ".events (code VARCHAR(40) NOT NULL, at TIMESTAMP(6) NULL, kind ENUM('open','paid','void'),"
                        + " score DOUBLE, UNIQUE KEY uq_code (code))",
                "CREATE TABLE " + schema + ".counters (id INT PRIMARY KEY, hits SMALLINT NOT NULL, ratio FLOAT, flag TINYINT,"
                        + " day DATE)",
                "CREATE TABLE " + schema + ".docs (id BIGINT PRIMARY KEY, title VARCHAR(200) NOT NULL, lang CHAR(2),"
                        + " body TEXT) DEFAULT CHARSET utf8mb4",
                "CREATE TABLE " + schema + ".blobs (id INT PRIMARY KEY, digest BINARY(32) NOT NULL, payload MEDIUMBLOB,"
                        + " note VARCHAR(32))");
        Map<String, String> select = Map.of(
                "items", "SELECT n, CONCAT('SKU-', n), IF(n % 11 = 0, NULL, CONCAT('item number ', n, ' ', SHA2(n, 224))),"
                        + " n / 100, n % 1000, TIMESTAMP('2026-11-25 00:00:00') + INTERVAL n SECOND",
                "ledger", "SELECT n % 1000, n, n / 3, IF(n % 7 = 0, NULL, CONCAT('memo ', n))",
                "events", "SELECT CONCAT('ev-', LPAD(n, 9, '0')), IF(n % 13 = 0, NULL, TIMESTAMP('2026-11-25 01:00:00')"
                        + " + INTERVAL n SECOND), ELT(1 + n % 3, 'open', 'paid', 'void'), IF(n % 5 = 0, NULL, n / 7)",
                "counters", "SELECT n, n % 30000, IF(n % 3 = 0, NULL, n / 9), n % 2, DATE('2020-01-01') + INTERVAL n % 3000 DAY",
                "docs", "SELECT n, CONCAT('Dokument é ', n), IF(n % 4 = 0, NULL, 'fr'),"
                        + " IF(n % 9 = 0, NULL, REPEAT(CONCAT('é texte ', SHA2(n, 256), ' '), 3 + n % 20))",
                "blobs", "SELECT n, UNHEX(SHA2(n, 256)), IF(n % 6 = 0, NULL, REPEAT(UNHEX(SHA2(n + 1, 512)), 10 + n % 50)),"
                        + " IF(n % 2 = 0, NULL, '')");
        for (Map.Entry<String, Integer> share : SHARES.entrySet()) {
            String table = share.getKey();
            long count = Math.max(1, rows * share.getValue() / 1000);
            rowsPerTable.put(table, count);
            for (long from = 0; from < count; from += 50_000) {
                long to = Math.min(count, from + 50_000);
                // n runs over [from + 1, to]: (a - 1) * 10000 + b for numbers a and b.
                String numbers = "(SELECT (a.seq - 1) * " + Numbers.MAX + " + b.seq AS n FROM " + schema + ".numbers a CROSS JOIN "
                        + schema + ".numbers b WHERE a.seq BETWEEN " + (from / Numbers.MAX + 1) + " AND " + ((to - 1) / Numbers.MAX + 1)
                        + ") AS g WHERE n > " + from + " AND n <= " + to;
                servers.admin(servers.source(), "INSERT INTO " + schema + "." + table + " " + select.get(table) + " FROM " + numbers);
            }
        }
        servers.admin(servers.source(), "DROP TABLE " + schema + ".numbers");
        servers.awaitTargetApplied(Duration.ofMinutes(10));
    }

    private String describeTables() throws Exception {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Long> table : rowsPerTable.entrySet()) {
            servers.admin(servers.source(), "SET sql_log_bin=0", "ANALYZE TABLE " + schema + "." + table.getKey());
            String bytes = servers.value(servers.source(), "SELECT ROUND(DATA_LENGTH / GREATEST(1, TABLE_ROWS)) FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = '" + schema + "' AND TABLE_NAME = '" + table.getKey() + "'");
            parts.add(String.format("%s %,d rows (~%s B/row)", table.getKey(), table.getValue(), bytes));
        }
        return String.join(", ", parts) + "; columns: BIGINT, composite INT+BIGINT and unique VARCHAR keys, DECIMAL,"
                + " DATETIME(6), TIMESTAMP(6), DATE, ENUM, DOUBLE, FLOAT, TINYINT, SMALLINT, VARCHAR, CHAR, TEXT (utf8mb4, é),"
                + " BINARY(32), MEDIUMBLOB, NULLs and empty strings";
    }

    /**
     * Changes rows on the target alone (not binlogged): updates, deletes and inserts spread over every
     * table; returns the differences VERIFY should name, as its facts list them.
     */
    private List<Map<String, Object>> injectDifferences() throws Exception {
        long items = rowsPerTable.get("items");
        long ledger = rowsPerTable.get("ledger");
        long events = rowsPerTable.get("events");
        long counters = rowsPerTable.get("counters");
        long docs = rowsPerTable.get("docs");
        long blobs = rowsPerTable.get("blobs");
        // Each key is one whose change is a change (not NULL made NULL): see the generating SELECTs in seed().
        long item1 = items / 3;
        long item2 = pick(items - 5, n -> n % 11 != 0);
        long item3 = items / 2 + 17;
        long ledgerRow = pick(ledger / 2 + 1, n -> n % 7 != 0);
        String event1 = String.format("ev-%09d", pick(events / 5, n -> n % 3 != 2));
        String event2 = String.format("ev-%09d", events - 1);
        long counter = pick(counters / 2, n -> n % 3 != 0);
        long doc = pick(docs / 3, n -> n % 9 != 0);
        long blob1 = pick(blobs / 2 + 1, n -> n % 6 != 0);
        long blob2 = blobs / 4 + 1;
        servers.admin(servers.target(), "SET sql_log_bin=0",
                "UPDATE " + schema + ".items SET price = price + 0.01 WHERE id = " + item1,
                "UPDATE " + schema + ".items SET title = NULL WHERE id = " + item2,
                "DELETE FROM " + schema + ".items WHERE id = " + item3,
                "UPDATE " + schema + ".ledger SET memo = NULL WHERE account = " + (ledgerRow % 1000) + " AND seq = " + ledgerRow,
                "INSERT INTO " + schema + ".ledger VALUES (500, " + (ledger + 1000) + ", 1.00, 'target only')",
                "UPDATE " + schema + ".events SET kind = 'void', at = NULL WHERE code = '" + event1 + "'",
                "DELETE FROM " + schema + ".events WHERE code = '" + event2 + "'",
                "UPDATE " + schema + ".counters SET ratio = ratio + 1 WHERE id = " + counter,
                "INSERT INTO " + schema + ".counters VALUES (" + (counters + 10) + ", 1, NULL, 0, NULL)",
                "UPDATE " + schema + ".docs SET body = CONCAT(LEFT(body, 100), 'e', SUBSTRING(body, 102)) WHERE id = " + doc,
                "UPDATE " + schema + ".blobs SET payload = CONCAT(LEFT(payload, 40), 0x00, SUBSTRING(payload, 42)) WHERE id = " + blob1,
                "DELETE FROM " + schema + ".blobs WHERE id = " + blob2);
        return List.of(
                difference("items", Map.of("id", item1), "DIFFERENT"),
                difference("items", Map.of("id", item2), "DIFFERENT"),
                difference("items", Map.of("id", item3), "MISSING"),
                difference("ledger", Map.of("account", (int) (ledgerRow % 1000), "seq", ledgerRow), "DIFFERENT"),
                difference("ledger", Map.of("account", 500, "seq", ledger + 1000), "EXTRA"),
                difference("events", Map.of("code", event1), "DIFFERENT"),
                difference("events", Map.of("code", event2), "MISSING"),
                difference("counters", Map.of("id", (int) counter), "DIFFERENT"),
                difference("counters", Map.of("id", (int) (counters + 10)), "EXTRA"),
                difference("docs", Map.of("id", doc), "DIFFERENT"),
                difference("blobs", Map.of("id", (int) blob1), "DIFFERENT"),
                difference("blobs", Map.of("id", (int) blob2), "MISSING"));
    }

    private static long pick(long from, java.util.function.LongPredicate suitable) {
        long n = from;
        while (!suitable.test(n)) {
            n++;
        }
        return n;
    }

    private Map<String, Object> difference(String table, Map<String, Object> key, String kind) {
        return Map.of("table", schema + "." + table, "key", key, "kind", kind);
    }

    /** A difference as text that does not depend on number types or key order: {@code table kind {column=value}}. */
    private static String label(Object difference) {
        Map<?, ?> fields = (Map<?, ?>) difference;
        return fields.get("table") + " " + fields.get("kind") + " " + new java.util.TreeMap<>((Map<?, ?>) fields.get("key"));
    }

    private Measured runVerify(long rows, List<Map<String, Object>> expected) throws Exception {
        try (MonitorBus bus = new MonitorBus(stack.kafka().bootstrapServers(), "bench-" + schema)) {
            String load = loadAverage();
            steps++;
            long start = System.nanoTime();
            StepEvent verified = bus.run(StepCommand.issue("bench-" + schema, steps + "-VERIFY", StepType.VERIFY,
                    Map.of(StepParams.CLUSTER, "target", StepParams.SOURCE_CLUSTER, "source", StepParams.SCHEMAS, List.of(schema)),
                    1, Instant.now().plus(Duration.ofMinutes(10)), 0, Clock.systemUTC()));
            long wallMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(verified.kind()).as("VERIFY: %s", verified.failure()).isEqualTo(StepEventKind.SUCCEEDED);
            Map<String, Object> facts = verified.facts();
            Measured measured = new Measured(rows, wallMs);
            print("VERIFY: %,d rows/s (%d ms command to outcome; %s ms in the step); %s rows in %s chunks, %s rechecks,"
                    + " drift %s; load %s -> %s", measured.rowsPerSecond(), wallMs, facts.get(VerifyReport.FACT_DURATION_MS),
                    facts.get(VerifyReport.FACT_ROWS), facts.get(VerifyReport.FACT_CHUNKS), facts.get(VerifyReport.FACT_RECHECKS),
                    facts.get(VerifyReport.FACT_DRIFT), load, loadAverage());
            List<String> named = ((List<?>) facts.get(VerifyReport.FACT_DIFFERENCES)).stream().map(VerifyBench::label).toList();
            List<String> missed = new ArrayList<>(expected.stream().map(VerifyBench::label).toList());
            missed.removeAll(named);
            List<String> extra = new ArrayList<>(named);
            extra.removeAll(expected.stream().map(VerifyBench::label).toList());
            print("VERIFY named %d of %d injected keys%s%s", expected.size() - missed.size(), expected.size(),
                    missed.isEmpty() ? "" : "; NOT named: " + missed, extra.isEmpty() ? ", and nothing else"
                            : "; FALSE or unexpected differences: " + extra);
            return measured;
        }
    }

    private Measured runPtTableChecksum(long totalRows) throws Exception {
        Path tool = findOnPath("pt-table-checksum");
        if (tool == null) {
            print("pt-table-checksum: not installed (apt-get install -y percona-toolkit); no comparison");
            return new Measured(totalRows, -1);
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
                    "CREATE TABLE IF NOT EXISTS percona_dsn.dsns (id INT AUTO_INCREMENT PRIMARY KEY, parent_id INT,"
                            + " dsn VARCHAR(255) NOT NULL)",
                    "DELETE FROM percona_dsn.dsns",
                    "INSERT INTO percona_dsn.dsns (dsn) VALUES ('h=" + target.host() + ",P=" + target.port() + ",F=" + options + "')");
            List<String> command = new ArrayList<>(List.of(tool.toString(), "--no-check-binlog-format",
                    "--recursion-method=dsn=h=" + source.host() + ",P=" + source.port() + ",F=" + options + ",D=percona_dsn,t=dsns",
                    "--databases=" + schema, "--tables=" + String.join(",", rowsPerTable.keySet()), "--chunk-time=0.5",
                    "--replicate=percona.checksums", "--no-version-check",
                    "h=" + source.host() + ",P=" + source.port() + ",F=" + options));
            Path output = Files.createTempFile("pt-table-checksum", ".out");
            String load = loadAverage();
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
            List<String> differingTables = new ArrayList<>();
            for (String line : lines) {
                String[] fields = line.trim().split("\\s+");
                // TS ERRORS DIFFS ROWS DIFF_ROWS CHUNKS SKIPPED TIME TABLE
                if (fields.length == 9 && fields[8].startsWith(schema + ".")) {
                    diffs += Long.parseLong(fields[2]);
                    rows += Long.parseLong(fields[3]);
                    chunks += Long.parseLong(fields[5]);
                    if (Long.parseLong(fields[2]) > 0) {
                        differingTables.add(fields[8].substring(schema.length() + 1) + " (" + fields[2] + ")");
                    }
                }
            }
            if (rows == 0) {
                print("pt-table-checksum: exit %s after %d ms without a result; its output:", ended ? process.exitValue() : "timeout", wallMs);
                lines.forEach(line -> print("  %s", line));
                return new Measured(totalRows, -1);
            }
            // Exit bits 32 and 64: pt skipped chunks or tables; such a run did not cover the data and is not compared.
            if (!ended || (process.exitValue() & (32 | 64)) != 0 || rows < totalRows) {
                print("pt-table-checksum: INCOMPLETE run, not compared: %d of %d rows in %d chunks, %d ms (exit %s); its warnings:",
                        rows, totalRows, chunks, wallMs, ended ? process.exitValue() : "timeout");
                lines.stream().filter(line -> !line.trim().split("\\s+")[0].matches("\\d\\d-\\d\\dT.*|TS")).limit(10)
                        .forEach(line -> print("  %s", line));
                return new Measured(totalRows, -1);
            }
            Measured measured = new Measured(totalRows, wallMs);
            print("pt-table-checksum: %,d rows/s (%d ms wall); %d rows in %d chunks, %d differing chunks%s (exit %d); load %s -> %s",
                    measured.rowsPerSecond(), wallMs, rows, chunks, diffs,
                    differingTables.isEmpty() ? "" : " in " + differingTables, process.exitValue(), load, loadAverage());
            return measured;
        } finally {
            Files.deleteIfExists(options);
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0];
        } catch (java.io.IOException e) {
            return "?";
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
