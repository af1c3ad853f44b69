package io.handoff.cutover.seed;

import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.cluster.Secret;
import io.handoff.common.sql.SqlDialect;
import io.handoff.localstack.LocalStack;
import io.handoff.localstack.LocalStackOptions;
import io.handoff.localstack.db.DatabaseServer;
import io.handoff.localstack.db.StackFlavor;
import io.handoff.localstack.mariadb.DbAccount;
import io.handoff.verify.StandaloneVerifyConfig;
import io.handoff.verify.Verification;
import io.handoff.verify.VerifyConfig;
import io.handoff.verify.VerifyReport;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (its name keeps it out of every test run): seeds the same source schema into a fresh target
 * schema three ways on one local stack, in one run, and prints rows/s, MB/s and peak memory of each and the ratios, as
 * lines starting with {@code [seed-bench]}. Run by {@code bench/seed.sh}.
 * <ul>
 *   <li><b>handoff parallel</b>: {@link ParallelSeed}, the SEED step's default method, in this JVM;</li>
 *   <li><b>dump pipe</b>: {@link DumpPipe}, the SEED method {@code mysqldump} ({@code mariadb-dump | mariadb} or
 *       {@code mysqldump | mysql});</li>
 *   <li><b>mydumper + myloader</b> (Debian's packages) at the same thread count, dumping to a folder then loading it;
 *       the time is both together.</li>
 * </ul>
 * Before each method both servers flush their dirty pages (at most two minutes), and handoff runs a second time last,
 * so that no method is measured while the servers still write what the one before it (or the data set's build) left.
 * Each copy is checked afterwards by VERIFY ({@link Verification}, the engine of the VERIFY step), which compares every
 * row of the source's and the target's tables and names every differing key; the source takes no writes meanwhile, so
 * it runs without waiting for the target to reach the source's position ({@code handoff.verify.await-target=false}).
 *
 * <p>System properties: {@code seed.bench.rows} (rows in all over 8 tables; default 2,000,000), {@code seed.bench.threads}
 * (default 4), {@code seed.bench.flavor} ({@code mariadb} or {@code mysql}; default mariadb), {@code seed.bench.methods}
 * (the baselines to run besides handoff's two runs, {@code pipe} and {@code mydumper}, comma-separated; default both).
 */
class SeedBench {
    private static final String PREFIX = "[seed-bench] ";
    private static final String SCHEMA = "seedbench";
    /** VERIFY's defaults, but compared at once: nothing replicates into the copy and nothing writes to the source. */
    private static final VerifyConfig VERIFY = StandaloneVerifyConfig.of(Map.of("handoff.verify.await-target", "false"));
    private static final String DIGITS = "(SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4"
            + " UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)";

    @Test
    void seedThreeWaysOnTheSameData() throws Exception {
        long rows = Long.getLong("seed.bench.rows", 2_000_000);
        int threads = Integer.getInteger("seed.bench.threads", 4);
        StackFlavor flavor = StackFlavor.parse(System.getProperty("seed.bench.flavor", "mariadb"));
        Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "seed-bench-");
        try (LocalStack stack = LocalStack.start(LocalStackOptions.freePorts(work.resolve("stack")).withFlavors(flavor, flavor))) {
            DbAccount admin = stack.accounts().admin();
            ClusterSpec source = cluster("source", stack.source(), admin);
            ClusterSpec target = cluster("target", stack.target(), admin);
            long started = System.nanoTime();
            Map<String, Long> tables = BenchData.create(stack.source(), admin, SCHEMA, rows);
            long total = tables.values().stream().mapToLong(Long::longValue).sum();
            long bytes = dataBytes(stack.source(), admin);
            print("machine: %d cores; %s %s on both sides; data set: %d rows, %d MiB (data and indexes) in %d tables %s, built"
                    + " in %d s; %d threads for every method", Runtime.getRuntime().availableProcessors(), flavor.optionName(),
                    value(stack.source(), admin, "SELECT VERSION()"), total, bytes >> 20, tables.size(), tables,
                    (System.nanoTime() - started) / 1_000_000_000, threads);
            ClientPrograms programs = new ClientPrograms(Optional.of(stack.source().dumpProgram().getParent()));
            DumpFormat format = DumpFormat.of(SqlDialect.of(source.flavor()));

            Run parallel = measure("handoff parallel", stack, admin, source, target, total, bytes, () -> {
                new ParallelSeed(programs, ParallelSeed.Settings.of(threads, Duration.ofHours(6)))
                        .run(format, DumpFormat.Load.UNLOGGED, source, target, List.of(SCHEMA));
                return heapPeakMiB();
            });
            Set<String> methods = Set.of(System.getProperty("seed.bench.methods", "handoff,pipe,mydumper").split(","));
            Run pipe = null;
            if (methods.contains("pipe")) {
                pipe = measure("dump pipe (handoff mysqldump)", stack, admin, source, target, total, bytes, () -> {
                    new DumpPipe(programs, Duration.ofHours(6)).run(format, DumpFormat.Load.UNLOGGED, source, target, List.of(SCHEMA));
                    return heapPeakMiB();
                });
            }
            Run baseline = null;
            if (methods.contains("mydumper")) {
                Run mydumper = measure("mydumper + myloader", stack, admin, source, target, total, bytes,
                        () -> Mydumper.dumpAndLoad(stack, admin, SCHEMA, threads, work.resolve("mydumper"), false));
                baseline = mydumper;
                if (flavor != StackFlavor.MARIADB) {
                    // MySQL offers TLS and handoff (Connector/J, sslMode=PREFERRED) and the dump pipe's MySQL programs use
                    // it; mydumper 0.10 does not unless asked: the same copy over TLS is the like-for-like baseline.
                    baseline = measure("mydumper + myloader --ssl", stack, admin, source, target, total, bytes,
                            () -> Mydumper.dumpAndLoad(stack, admin, SCHEMA, threads, work.resolve("mydumper"), true));
                    print("ratio handoff / mydumper+myloader, both over TLS (rows/s): %s", ratio(parallel, baseline));
                    print("ratio handoff over TLS / mydumper+myloader without TLS (rows/s): %s", ratio(parallel, mydumper));
                } else {
                    print("ratio handoff / mydumper+myloader (rows/s): %s", ratio(parallel, mydumper));
                }
            }
            if (pipe != null) {
                print("ratio handoff / dump pipe (rows/s): %s", ratio(parallel, pipe));
            }
            // Again last, after every baseline: a method's place in the order (a source still flushing the data set it
            // was built with, a target dropping the last copy) must not make the comparison.
            Run again = measure("handoff parallel (again, last)", stack, admin, source, target, total, bytes, () -> {
                new ParallelSeed(programs, ParallelSeed.Settings.of(threads, Duration.ofHours(6)))
                        .run(format, DumpFormat.Load.UNLOGGED, source, target, List.of(SCHEMA));
                return heapPeakMiB();
            });
            if (baseline != null) {
                print("ratio handoff (run last) / %s (rows/s): %s", baseline.name(), ratio(again, baseline));
            }
            if (pipe != null) {
                print("ratio handoff (run last) / dump pipe (rows/s): %s", ratio(again, pipe));
            }
            print("the weaker of handoff's two runs: %s", parallel.rowsPerSecond() <= again.rowsPerSecond() ? "the first" : "the last");
        } finally {
            // The stack's two data directories and the dumps: gigabytes a run, which filled the disk when they were kept.
            Mydumper.deleteRecursively(work);
        }
    }

    /** One method's run. {@code rowsPerSecond} 0: it failed; {@code differing}: what VERIFY found its copy got wrong. */
    private record Run(String name, double rowsPerSecond, List<String> differing) {
    }

    private interface Copy {
        /** Copies, and returns the peak memory it took, MiB (as the method can measure it). */
        String copy() throws Exception;
    }

    private Run measure(String name, LocalStack stack, DbAccount admin, ClusterSpec source, ClusterSpec target, long rows,
            long bytes, Copy copy) throws SQLException {
        execute(stack.target(), admin, "DROP DATABASE IF EXISTS " + SCHEMA);
        String level = quiesce(stack, admin);
        resetHeapPeaks();
        long[] cpuBefore = cpuTicks(stack);
        long compilingBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long started = System.nanoTime();
        String memory;
        try {
            memory = copy.copy();
        } catch (Exception e) {
            print("%-30s failed: %s", name, e.getMessage());
            return new Run(name, 0, List.of());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] cpuAfter = cpuTicks(stack);
        long compiling = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - compilingBefore;
        String cpu = String.format("CPU s: source server %.1f, target server %.1f, this JVM %.1f (of which the JIT compiling %.1f),"
                + " child programs %.1f", (cpuAfter[0] - cpuBefore[0]) / 100.0, (cpuAfter[1] - cpuBefore[1]) / 100.0,
                (cpuAfter[2] - cpuBefore[2]) / 100.0, compiling / 1000.0, (cpuAfter[3] - cpuBefore[3]) / 100.0);
        print("%-30s %7.1f s  %9.0f rows/s  %6.1f MB/s  peak memory %s  (%s)", name, seconds, rows / seconds,
                bytes / 1e6 / seconds, memory, level);
        print("%-30s %s", name, cpu);
        return new Run(name, rows / seconds, verify(name, source, target));
    }

    /** VERIFY of the copy: prints what it compared and every difference it named (the first ten); returns them all. */
    private static List<String> verify(String name, ClusterSpec source, ClusterSpec target) {
        Verification.Outcome outcome = new Verification(VERIFY).run(source, target, List.of(SCHEMA));
        VerifyReport report = outcome.report();
        List<String> differing = report.differences().stream()
                .map(difference -> difference.table() + (difference.wholeTable() ? "" : " " + difference.key()) + " "
                        + difference.kind())
                .toList();
        if (outcome.failure() != null) {
            print("%-30s VERIFY failed: %s", name, outcome.failure().getMessage());
            return List.of("VERIFY failed: " + outcome.failure().getMessage());
        }
        print("%-30s VERIFY: %d differences in %d tables, %d rows, %.1f s (%d rows/s)%s", name, report.drift(), report.tables(),
                report.rows(), report.durationMs() / 1000.0, report.rowsPerSecond(),
                differing.isEmpty() ? "" : ": " + differing.subList(0, Math.min(10, differing.size())));
        return report.drift() == 0 ? List.of() : differing.isEmpty() ? List.of(report.drift() + " differences") : differing;
    }

    /**
     * Waits, at most two minutes, until neither server holds many dirty pages (InnoDB flushing what the last method or
     * the data set's build wrote would take CPU and disk from the next one), flushing eagerly meanwhile; says how long.
     */
    private static String quiesce(LocalStack stack, DbAccount admin) throws SQLException {
        long started = System.nanoTime();
        long dirty = 0;
        for (DatabaseServer server : List.of(stack.source(), stack.target())) {
            String pct = value(server, admin, "SELECT @@GLOBAL.innodb_max_dirty_pages_pct");
            execute(server, admin, "SET GLOBAL innodb_max_dirty_pages_pct = 0");
            try {
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
                while ((dirty = dirtyPages(server, admin)) > 64 && System.nanoTime() < deadline) {
                    Thread.sleep(250);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                execute(server, admin, "SET GLOBAL innodb_max_dirty_pages_pct = " + pct);
            }
        }
        return String.format("started after %.1f s of flushing, %d dirty pages left", (System.nanoTime() - started) / 1e9, dirty);
    }

    /**
     * CPU time so far, in clock ticks (1/100 s on Linux): the source's and the target's server processes, this JVM, and
     * the child processes it waited for (mysqldump, mysql, mydumper, myloader).
     */
    private static long[] cpuTicks(LocalStack stack) {
        long[] self = stat("self");
        return new long[] {stat(Long.toString(stack.source().pid()))[0], stat(Long.toString(stack.target().pid()))[0], self[0],
                self[1]};
    }

    /** {@code /proc/<pid>/stat}: utime + stime, and cutime + cstime. */
    private static long[] stat(String pid) {
        try {
            String line = Files.readAllLines(Path.of("/proc", pid, "stat")).get(0);
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            // After "pid (comm) ": state is field 3, so utime (14) is index 11 here.
            return new long[] {Long.parseLong(fields[11]) + Long.parseLong(fields[12]),
                    Long.parseLong(fields[13]) + Long.parseLong(fields[14])};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    private static long dirtyPages(DatabaseServer server, DbAccount admin) throws SQLException {
        try (Connection connection = server.connect(admin); Statement sql = connection.createStatement();
                ResultSet row = sql.executeQuery("SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_pages_dirty'")) {
            return row.next() ? row.getLong(2) : 0;
        }
    }

    /** handoff's rate over the baseline's; said when either failed, and flagged when either copy differs from the source. */
    private static String ratio(Run handoff, Run baseline) {
        if (handoff.rowsPerSecond() == 0 || baseline.rowsPerSecond() == 0) {
            return "n/a (" + (handoff.rowsPerSecond() == 0 ? handoff.name() : baseline.name()) + " failed)";
        }
        String ratio = String.format("%.2f", handoff.rowsPerSecond() / baseline.rowsPerSecond());
        for (Run run : List.of(handoff, baseline)) {
            if (!run.differing().isEmpty()) {
                List<String> differing = run.differing();
                ratio += " (but " + run.name() + "'s copy differs from the source in " + differing.size() + " rows, first "
                        + differing.subList(0, Math.min(10, differing.size())) + ")";
            }
        }
        return ratio;
    }

    private static void resetHeapPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** The heap this JVM used at most since the last reset (the stack's Kafka broker runs here too), MiB. */
    private static String heapPeakMiB() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return (peak >> 20) + " MiB heap (this JVM)";
    }

    private static ClusterSpec cluster(String name, DatabaseServer server, DbAccount admin) {
        return new ClusterSpec(name, server.host(), server.port(), server.flavor().serverFlavor(), admin.user(),
                Secret.of(admin.password()));
    }

    private static long dataBytes(DatabaseServer server, DbAccount admin) throws SQLException {
        return Long.parseLong(value(server, admin, "SELECT SUM(DATA_LENGTH + INDEX_LENGTH) FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = '" + SCHEMA + "'"));
    }

    static String value(DatabaseServer server, DbAccount admin, String query) throws SQLException {
        try (Connection connection = server.connect(admin); Statement sql = connection.createStatement();
                ResultSet row = sql.executeQuery(query)) {
            row.next();
            return row.getString(1);
        }
    }

    static void execute(DatabaseServer server, DbAccount admin, String... statements) throws SQLException {
        try (Connection connection = server.connect(admin); Statement sql = connection.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }

    static void print(String format, Object... args) {
        System.out.println(PREFIX + String.format(format, args));
        System.out.flush();
    }

    /** The data set: 8 tables of mixed types, sizes and keys, built by SQL on the source. */
    static final class BenchData {
        private BenchData() {
        }

        /** Creates the schema with about {@code rows} rows; returns rows per table. */
        static Map<String, Long> create(DatabaseServer server, DbAccount admin, String schema, long rows) throws SQLException {
            Map<String, Long> tables = new LinkedHashMap<>();
            tables.put("orders", rows * 30 / 100);
            tables.put("events", rows * 20 / 100);
            tables.put("customers", rows * 15 / 100);
            tables.put("ledger", rows * 10 / 100);
            tables.put("audit_log", rows * 10 / 100);
            tables.put("latin_notes", rows * 995 / 10_000);
            tables.put("documents", rows * 5 / 100);
            tables.put("places", Math.max(1, rows * 5 / 10_000));
            long largest = tables.values().stream().mapToLong(Long::longValue).max().orElse(1);
            int digits = Math.max(1, (int) Math.ceil(Math.log10(largest + 1)));
            StringBuilder numbers = new StringBuilder("SELECT ");
            StringBuilder from = new StringBuilder();
            for (int i = 0; i < digits; i++) {
                numbers.append(i == 0 ? "" : " + ").append("d").append(i).append(".d * ").append((long) Math.pow(10, i));
                from.append(i == 0 ? " FROM " : ", ").append(DIGITS).append(" d").append(i);
            }
            String s = schema;
            execute(server, admin, "SET SESSION sql_log_bin = 0", "DROP DATABASE IF EXISTS bench_numbers",
                    "CREATE DATABASE bench_numbers", "CREATE TABLE bench_numbers.n (n BIGINT NOT NULL PRIMARY KEY)",
                    "INSERT INTO bench_numbers.n " + numbers + " + 1" + from);
            execute(server, admin, "DROP DATABASE IF EXISTS " + s, "CREATE DATABASE " + s + " DEFAULT CHARACTER SET utf8mb4",
                    "CREATE TABLE " + s + ".orders (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, customer_id INT NOT NULL,"
                            + " status ENUM('new','paid','shipped','cancelled') NOT NULL, amount DECIMAL(12,2) NOT NULL,"
                            + " created DATETIME(6) NOT NULL, note VARCHAR(120), KEY (customer_id), KEY (created))",
                    "CREATE TABLE " + s + ".events (id BIGINT NOT NULL PRIMARY KEY, kind VARCHAR(20) NOT NULL, payload JSON,"
                            + " at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), KEY (kind))",
                    "CREATE TABLE " + s + ".customers (id INT NOT NULL PRIMARY KEY, name VARCHAR(80) NOT NULL, email VARCHAR(120)"
                            + " NOT NULL, country CHAR(2), balance DECIMAL(14,4), created DATE, UNIQUE KEY (email))",
                    "CREATE TABLE " + s + ".ledger (account INT NOT NULL, seq BIGINT NOT NULL, amount DECIMAL(14,2) NOT NULL,"
                            + " memo VARCHAR(64), PRIMARY KEY (account, seq))",
                    "CREATE TABLE " + s + ".audit_log (at DATETIME NOT NULL, who VARCHAR(40), what TEXT)",
                    "CREATE TABLE " + s + ".latin_notes (id INT NOT NULL PRIMARY KEY, note TEXT CHARACTER SET latin1)",
                    "CREATE TABLE " + s + ".documents (id INT NOT NULL PRIMARY KEY, title VARCHAR(200), body BLOB)",
                    "CREATE TABLE " + s + ".places (id INT NOT NULL PRIMARY KEY, name VARCHAR(60), pt POINT NOT NULL)");
            execute(server, admin,
                    "INSERT INTO " + s + ".orders (customer_id, status, amount, created, note) SELECT n % 50000,"
                            + " ELT(1 + n % 4, 'new', 'paid', 'shipped', 'cancelled'), (n % 100000) / 100,"
                            + " TIMESTAMPADD(SECOND, n, '2024-01-01 00:00:00.123456'), IF(n % 3 = 0, NULL, CONCAT('order note ', LEFT(SHA2(n, 256), 32)))"
                            + " FROM bench_numbers.n WHERE n <= " + tables.get("orders"),
                    "INSERT INTO " + s + ".events SELECT n, ELT(1 + n % 3, 'click', 'view', 'purchase'), JSON_OBJECT('n', n, 'tags',"
                            + " JSON_ARRAY('a', LEFT(SHA2(n, 256), 32)), 'price', CAST(n / 7 AS DOUBLE)), TIMESTAMPADD(SECOND, n, '2025-01-01 00:00:00')"
                            + " FROM bench_numbers.n WHERE n <= " + tables.get("events"),
                    "INSERT INTO " + s + ".customers SELECT n, CONCAT('Zoë Müller 東京 ', n), CONCAT('c', n, '@example.com'),"
                            + " ELT(1 + n % 4, 'DE', 'FR', 'JP', 'US'), n / 3, DATE_ADD('2000-01-01', INTERVAL n % 9000 DAY)"
                            + " FROM bench_numbers.n WHERE n <= " + tables.get("customers"),
                    "INSERT INTO " + s + ".ledger SELECT n % 1000, n, (n % 77777) / 100, IF(n % 2 = 0, NULL, LEFT(SHA2(n, 256), 32))"
                            + " FROM bench_numbers.n WHERE n <= " + tables.get("ledger"),
                    "INSERT INTO " + s + ".audit_log SELECT TIMESTAMPADD(SECOND, n, '2025-06-01'), CONCAT('user', n % 500),"
                            + " REPEAT(LEFT(SHA2(n, 256), 32), 3) FROM bench_numbers.n WHERE n <= " + tables.get("audit_log"),
                    "INSERT INTO " + s + ".latin_notes SELECT n, CONCAT('Crème brûlée à la française, été ', REPEAT(LEFT(SHA2(n, 256), 32), 5))"
                            + " FROM bench_numbers.n WHERE n <= " + tables.get("latin_notes"),
                    "INSERT INTO " + s + ".documents SELECT n, CONCAT('document ', n), UNHEX(REPEAT(SHA2(n, 512), 16))"
                            + " FROM bench_numbers.n WHERE n <= " + tables.get("documents"),
                    "INSERT INTO " + s + ".places SELECT n, CONCAT('place ', n), POINT(n % 360 - 180, n % 180 - 90)"
                            + " FROM bench_numbers.n WHERE n <= " + tables.get("places"),
                    "ANALYZE TABLE " + s + ".orders, " + s + ".events, " + s + ".customers, " + s + ".ledger, " + s + ".audit_log, "
                            + s + ".latin_notes, " + s + ".documents, " + s + ".places",
                    "DROP DATABASE bench_numbers");
            return tables;
        }
    }

    /** mydumper then myloader, as Debian packages them, with the account in an option file. */
    static final class Mydumper {
        private Mydumper() {
        }

        /** Dumps and loads with mydumper and myloader; {@code tls}: both connect with {@code --ssl}. */
        static String dumpAndLoad(LocalStack stack, DbAccount admin, String schema, int threads, Path dir, boolean tls)
                throws Exception {
            Files.createDirectories(dir);
            Path dump = dir.resolve("dump");
            deleteRecursively(dump);
            List<String> dumper = new ArrayList<>(List.of("mydumper", "--defaults-file=" + options(dir, "source.cnf",
                    stack.source(), admin), "--threads=" + threads, "--rows=100000", "--database=" + schema, "--outputdir=" + dump,
                    "--triggers", "--events", "--routines"));
            List<String> loader = new ArrayList<>(List.of("myloader", "--defaults-file=" + options(dir, "target.cnf",
                    stack.target(), admin), "--threads=" + threads, "--directory=" + dump, "--overwrite-tables"));
            if (tls) {
                dumper.add("--ssl");
                loader.add("--ssl");
            }
            long dumpPeak = run(dir, dumper);
            long loadPeak = run(dir, loader);
            return "mydumper " + (dumpPeak >> 10) + " MiB RSS, myloader " + (loadPeak >> 10) + " MiB RSS";
        }

        private static Path options(Path dir, String name, DatabaseServer server, DbAccount admin) throws IOException {
            Path file = dir.resolve(name);
            Files.writeString(file, "[client]\nhost=" + server.host() + "\nport=" + server.port() + "\nuser=" + admin.user()
                    + "\npassword=" + admin.password() + "\n[mydumper]\nhost=" + server.host() + "\nport=" + server.port()
                    + "\nuser=" + admin.user() + "\npassword=" + admin.password() + "\n[myloader]\nhost=" + server.host()
                    + "\nport=" + server.port() + "\nuser=" + admin.user() + "\npassword=" + admin.password() + "\n");
            return file;
        }

        /** Runs a program under GNU time; returns its peak RSS, KiB. */
        private static long run(Path dir, List<String> command) throws Exception {
            Path log = dir.resolve(command.get(0) + ".log");
            Path peak = dir.resolve(command.get(0) + ".rss");
            List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "%M", "-o", peak.toString()));
            timed.addAll(command);
            Process process = new ProcessBuilder(timed).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(6, TimeUnit.HOURS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " took longer than 6 h and was stopped");
            }
            if (process.exitValue() != 0) {
                List<String> lines = Files.readAllLines(log);
                throw new IllegalStateException(command.get(0) + " failed (exit " + process.exitValue() + "): "
                        + String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size())));
            }
            return Long.parseLong(Files.readAllLines(peak).get(0).trim());
        }

        private static void deleteRecursively(Path dir) throws IOException {
            if (Files.exists(dir)) {
                try (var paths = Files.walk(dir)) {
                    paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
        }
    }
}
