package io.handoff.monitor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.event.LagSample;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.localstack.LocalStack;
import io.handoff.localstack.PrivateProperties;
import io.handoff.localstack.SharedLocalStack;
import io.handoff.localstack.mariadb.DbAccount;
import io.handoff.localstack.db.DatabaseServer;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.handoff.monitor.support.MonitorBus;
import io.handoff.monitor.support.ReplicatedPair;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Not a test: a measurement, run by {@code bench/lag-accuracy.sh} (Maven profile {@code bench}). With a
 * steady source workload, the target's SQL thread is stopped for a known delay (0.5 s to 5 s, each
 * {@code bench.repeats} times) and started again; the peak lag each method reported during that window
 * is compared with the injected delay: our published LagSample (5 samples/s), {@code Seconds_Behind_Master}
 * read every 100 ms, and pt-heartbeat ({@code --update --interval 0.1} on the source, {@code --monitor
 * --interval 0.5} on the target, both {@code --utc}). Prints each injection and the error p50/p95 per method.
 * MariaDB reports {@code Seconds_Behind_Master} as NULL while the SQL thread is stopped, so it shows
 * lag only during the catch-up: exactly the blind spot a stalled applier has in production.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class LagAccuracyBenchmark {
    private static final double[] DELAYS_S = {0.5, 1, 2, 3, 5};
    private static final Pattern PT_LAG = Pattern.compile("^\\s*([0-9.]+)s");

    private final LocalStack stack = SharedLocalStack.get();
    private final ReplicatedPair servers = new ReplicatedPair(stack);
    private final String planId = "lag-bench-" + UUID.randomUUID();
    private final String schema = "lagbench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final List<String> report = new ArrayList<>();
    private volatile double ptLagSeconds = -1;
    private volatile long sbmSeconds = -1;

    @Test
    void measurePublishedLagAgainstInjectedDelays() throws Exception {
        int repeats = Integer.getInteger("bench.repeats", 3);
        servers.standalone(List.of());
        String table = servers.replicatedTable(schema);
        DbAccount admin = stack.accounts().admin();
        Path work = Files.createTempDirectory(Path.of("target"), "lag-bench-");
        Path sourceCnf = cnf(work.resolve("source.cnf"), admin);
        servers.admin(servers.source(), "CREATE DATABASE IF NOT EXISTS pt_heartbeat");
        Process update = pt(sourceCnf, servers.source(), "--update", "--create-table", "--interval", "0.1");
        long deadline = System.nanoTime() + 30_000_000_000L; // --update creates the table; the monitor needs it replicated
        while (!"1".equals(servers.value(servers.target(), "SELECT COUNT(*) FROM information_schema.tables"
                + " WHERE table_schema='pt_heartbeat' AND table_name='heartbeat'")) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        // --file: the latest --monitor line, rewritten every interval (its stdout is block-buffered into a pipe).
        Path ptFile = work.resolve("pt-heartbeat.monitor");
        // --master-server-id: the row to read, named since pt-heartbeat cannot find a MySQL 8.4+ replica's source itself.
        Process monitorPt = pt(cnf(work.resolve("target.cnf"), admin), servers.target(), "--monitor", "--interval", "0.5",
                "--master-server-id", Long.toString(servers.source().role().serverId()), "--file", ptFile.toString());
        Thread ptReader = readPt(monitorPt);
        ScheduledExecutorService background = Executors.newScheduledThreadPool(3);
        background.scheduleAtFixedRate(() -> readPtFile(ptFile), 0, 100, TimeUnit.MILLISECONDS);
        AtomicLong nextId = new AtomicLong();
        try (MonitorBus bus = new MonitorBus(stack.kafka().bootstrapServers(), planId);
                Connection writer = servers.source().connect(stack.accounts().app());
                Statement writes = writer.createStatement();
                Connection reader = servers.target().connect(admin);
                Statement status = reader.createStatement();
                Connection control = servers.target().connect(admin);
                Statement replica = control.createStatement()) {
            StepEvent started = bus.run(command(StepType.START_MONITOR,
                    Map.of(StepParams.CLUSTER, "target", StepParams.SOURCE_CLUSTER, "source")));
            assertThat(started.kind()).as("START_MONITOR: %s", started.failure()).isEqualTo(StepEventKind.SUCCEEDED);
            background.scheduleAtFixedRate(() -> write(writes, table, nextId), 0, 10, TimeUnit.MILLISECONDS);
            background.scheduleAtFixedRate(() -> secondsBehindMaster(status), 0, 100, TimeUnit.MILLISECONDS);
            TimeUnit.SECONDS.sleep(3); // pt-heartbeat's monitor and our sampler settle on a replicating pair

            print("machine: %d cores, load average %.1f, %s %s", Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    System.getProperty("java.vm.name"), System.getProperty("java.version"));
            print("%8s %12s %12s %12s %12s", "inject[s]", "handoff[s]", "commit-ts[s]", "pt-hb[s]", "SBM[s]");
            List<Double> ours = new ArrayList<>();
            List<Double> commitTs = new ArrayList<>();
            List<Double> pt = new ArrayList<>();
            List<Double> sbm = new ArrayList<>();
            for (int round = 0; round < repeats; round++) {
                for (double delay : DELAYS_S) {
                    Instant from = Instant.now();
                    double ptPeak = 0;
                    long sbmPeak = 0;
                    replica.execute("STOP REPLICA SQL_THREAD"); // MariaDB 10.5+ and MySQL 8.0.22+
                    long until = System.nanoTime() + (long) (delay * 1e9);
                    while (System.nanoTime() < until) {
                        ptPeak = Math.max(ptPeak, ptLagSeconds);
                        sbmPeak = Math.max(sbmPeak, sbmSeconds);
                        TimeUnit.MILLISECONDS.sleep(20);
                    }
                    replica.execute("START REPLICA SQL_THREAD");
                    long settle = System.nanoTime() + 1_500_000_000L; // the last samples of the window arrive
                    while (System.nanoTime() < settle) {
                        ptPeak = Math.max(ptPeak, ptLagSeconds);
                        sbmPeak = Math.max(sbmPeak, sbmSeconds);
                        TimeUnit.MILLISECONDS.sleep(20);
                    }
                    List<LagSample> window = bus.samplesSince(from);
                    double ourPeak = window.stream().filter(s -> !s.stale())
                            .mapToLong(LagSample::lagMillis).max().orElse(0) / 1000.0;
                    // Original commit timestamps (MySQL): absent (NaN) on MariaDB.
                    double commitPeak = window.stream().filter(s -> s.commitLagMicros() != null)
                            .mapToLong(LagSample::commitLagMicros).max().stream().mapToDouble(us -> us / 1e6).findFirst()
                            .orElse(Double.NaN);
                    print("%8.1f %12.3f %12.3f %12.3f %12d", delay, ourPeak, commitPeak, ptPeak, sbmPeak);
                    ours.add(Math.abs(ourPeak - delay));
                    if (!Double.isNaN(commitPeak)) {
                        commitTs.add(Math.abs(commitPeak - delay));
                    }
                    pt.add(Math.abs(ptPeak - delay));
                    sbm.add(Math.abs(sbmPeak - delay));
                    TimeUnit.SECONDS.sleep(2); // caught up again before the next injection
                }
            }
            print("absolute error of the peak lag against the injected delay (%d injections):", ours.size());
            print("  handoff LagSample:       %s", percentiles(ours));
            print("  handoff commit-ts:       %s", commitTs.isEmpty() ? "not measured (MariaDB has no original commit timestamps)"
                    : percentiles(commitTs));
            // Debian's percona-toolkit 3.2 runs SHOW MASTER STATUS in --update, which MySQL 8.4 removed: there its row stops
            // moving and its monitor's lag only grows. Said so rather than printed as a figure.
            String ptDown = update.isAlive() ? null : "pt-heartbeat --update exited with " + update.exitValue() + ": "
                    + new String(update.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip().replace('\n', ' ');
            print("  pt-heartbeat --monitor:  %s", ptDown == null ? percentiles(pt) : "not measured (" + ptDown + ")");
            print("  Seconds_Behind_Master:   %s", percentiles(sbm));
            background.shutdownNow();
            background.awaitTermination(5, TimeUnit.SECONDS);
            bus.run(command(StepType.STOP_MONITOR, Map.of()));
        } finally {
            background.shutdownNow();
            update.destroy();
            monitorPt.destroy();
            ptReader.interrupt();
            servers.standalone(List.of(schema, "pt_heartbeat"));
            Files.write(Path.of("target", "lag-accuracy.txt"), report);
        }
    }

    private Process pt(Path cnf, DatabaseServer server, String... mode) throws IOException {
        List<String> command = new ArrayList<>(List.of("pt-heartbeat", "--defaults-file", cnf.toString(), "-h", server.host(),
                "-P", Integer.toString(server.port()), "-D", "pt_heartbeat", "--utc"));
        command.addAll(List.of(mode));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private Thread readPt(Process monitor) {
        Thread thread = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(monitor.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    Matcher lag = PT_LAG.matcher(line);
                    if (lag.find()) {
                        ptLagSeconds = Double.parseDouble(lag.group(1));
                    } else {
                        print("pt-heartbeat: %s", line);
                    }
                }
            } catch (IOException e) {
                print("pt-heartbeat output lost: %s", e.getMessage());
            }
        }, "pt-heartbeat-monitor");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void readPtFile(Path file) {
        try {
            Matcher lag = PT_LAG.matcher(Files.readString(file));
            if (lag.find()) {
                ptLagSeconds = Double.parseDouble(lag.group(1));
            }
        } catch (IOException | RuntimeException e) {
            // not written yet, or being rewritten: the next read sees it
        }
    }

    private void secondsBehindMaster(Statement status) {
        try (ResultSet row = status.executeQuery("SHOW REPLICA STATUS")) {
            if (row.next()) {
                long value = row.getLong(secondsBehindColumn(row));
                sbmSeconds = row.wasNull() ? -1 : value;
            }
        } catch (SQLException e) {
            sbmSeconds = -1;
        }
    }

    /** MariaDB's name of the column, or MySQL's ({@code Seconds_Behind_Source}). */
    private static String secondsBehindColumn(ResultSet row) throws SQLException {
        var meta = row.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            if ("Seconds_Behind_Source".equalsIgnoreCase(meta.getColumnLabel(i))) {
                return "Seconds_Behind_Source";
            }
        }
        return "Seconds_Behind_Master";
    }

    private void write(Statement writes, String table, AtomicLong nextId) {
        try {
            long id = nextId.incrementAndGet();
            writes.executeUpdate("INSERT INTO " + table + " (id, payload) VALUES (" + id + ", 'lag-" + id + "')");
        } catch (SQLException | RuntimeException e) {
            print("write failed: %s", e); // a scheduled task that throws is never run again
        }
    }

    /** A client option file holding the password, so it is on no command line. */
    private static Path cnf(Path file, DbAccount account) {
        PrivateProperties.writeLine(file, "[client]\nuser=" + account.user() + "\npassword=" + account.password());
        return file;
    }

    private static String percentiles(List<Double> errors) {
        List<Double> sorted = new ArrayList<>(errors);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "p50 %.3f s  p95 %.3f s  max %.3f s", at(sorted, 0.5), at(sorted, 0.95),
                sorted.get(sorted.size() - 1));
    }

    private static double at(List<Double> sorted, double quantile) {
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1)));
    }

    private synchronized void print(String format, Object... args) {
        String line = "[lag-accuracy] " + String.format(Locale.ROOT, format, args);
        report.add(line);
        System.out.println(line);
    }

    private StepCommand command(StepType type, Map<String, ?> params) {
        return StepCommand.issue(planId, UUID.randomUUID() + "-" + type, type, params, 1,
                Instant.now().plus(Duration.ofMinutes(10)), 0, Clock.systemUTC());
    }
}
