package io.handoff.monitor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.localstack.LocalStack;
import io.handoff.localstack.SharedLocalStack;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.handoff.monitor.config.MonitorConfig;
import io.handoff.monitor.lag.LagMonitors;
import io.handoff.monitor.lag.PlanMonitor;
import io.handoff.monitor.support.MonitorBus;
import io.handoff.monitor.support.ReplicatedPair;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Not a test: a measurement, run by {@code bench/monitor-throughput.sh} (Maven profile {@code bench}),
 * never by {@code verify}. Drives at least 2,000 row changes a second on the local source (every
 * 10 ms one {@code bench.rows}-row transaction, 20 by default, inserts and updates in turn) for
 * {@code bench.seconds} (60) with the
 * plan's monitor running (heartbeat, binlog tail, drift checks), and prints every 5 s the row
 * changes written and checked, the checked rate, the drift backlog, the lag and the heap used, then
 * the steady-state throughput and the machine. The monitor runs in this JVM (as in a test), beside
 * the load generator; Kafka and both MariaDB servers run as child processes on the same cores.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class MonitorThroughputBenchmark {
    /** Rows per transaction ({@code bench.rows}, 20): with one transaction every 10 ms, 100 times this a second. */
    private static final int ROWS_PER_TRANSACTION = Integer.getInteger("bench.rows", 20);
    private static final long TICK_MS = 10;

    @Inject
    LagMonitors monitors;

    @Inject
    MonitorConfig config;

    private final LocalStack stack = SharedLocalStack.get();
    private final ReplicatedPair servers = new ReplicatedPair(stack);
    private final String planId = "bench-" + UUID.randomUUID();
    private final String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong nextId = new AtomicLong();
    private final List<String> report = new ArrayList<>();

    @Test
    void measureRowChangesCheckedPerSecond() throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 60);
        servers.standalone(List.of());
        String table = servers.replicatedTable(schema);
        try (MonitorBus bus = new MonitorBus(stack.kafka().bootstrapServers(), planId)) {
            StepEvent started = bus.run(command(StepType.START_MONITOR,
                    Map.of(StepParams.CLUSTER, "target", StepParams.SOURCE_CLUSTER, "source")));
            assertThat(started.kind()).as("START_MONITOR: %s", started.failure()).isEqualTo(StepEventKind.SUCCEEDED);
            PlanMonitor monitor = monitors.find(planId).orElseThrow();

            print("machine: %d cores, %d MiB memory, JVM max heap %d MiB, %s", Runtime.getRuntime().availableProcessors(),
                    memTotalMiB(), Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.vm.name") + " "
                            + System.getProperty("java.version"));
            print("load: one %d-row transaction every %d ms (inserts and updates in turn) for %d s",
                    ROWS_PER_TRANSACTION, TICK_MS, seconds);
            print("%6s %10s %10s %10s %10s %8s %8s", "t[s]", "written", "checked", "checked/s", "backlog", "lag[ms]", "heap[MiB]");

            Connection connection = servers.source().connect(stack.accounts().app());
            ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
            Statement sql = connection.createStatement();
            load.scheduleAtFixedRate(() -> writeTransaction(sql, table), 0, TICK_MS, TimeUnit.MILLISECONDS);

            Instant begin = Instant.now();
            long previousChecked = 0;
            long steadyFrom = -1;
            long steadyChecked = 0;
            long maxBacklog = 0;
            long maxHeap = 0;
            for (int t = 5; t <= seconds; t += 5) {
                waitUntil(begin.plusSeconds(t));
                long checked = monitor.rowsChecked();
                long backlog = monitor.backlog();
                long heap = heapUsedMiB();
                maxBacklog = Math.max(maxBacklog, backlog);
                maxHeap = Math.max(maxHeap, heap);
                var latest = bus.latest();
                print("%6d %10d %10d %10d %10d %8d %8d", t, written.get(), checked, (checked - previousChecked) / 5, backlog,
                        latest == null ? -1 : latest.lagMillis(), heap);
                if (t == 10) {
                    steadyFrom = checked;
                } else if (t > 10) {
                    steadyChecked = checked - steadyFrom;
                }
                previousChecked = checked;
            }
            load.shutdown();
            load.awaitTermination(10, TimeUnit.SECONDS);
            sql.close();
            connection.close();
            long total = written.get();
            Instant drainFrom = Instant.now();
            while (monitor.rowsChecked() < total && Duration.between(drainFrom, Instant.now()).toSeconds() < 60) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            double writeRate = total / (double) seconds;
            print("written: %d row changes in %d s (%.0f/s)", total, seconds, writeRate);
            print("steady state (10 s to %d s): %.0f row changes checked/s", seconds, steadyChecked / (double) (seconds - 10));
            print("after the load: %d of %d checked, %d ms to drain; max backlog %d (capacity %d); max heap used %d MiB",
                    monitor.rowsChecked(), total, Duration.between(drainFrom, Instant.now()).toMillis(), maxBacklog,
                    config.drift().backlogCapacity(), maxHeap);
            print("drift reports: %d", monitor.driftReports());
            bus.run(command(StepType.STOP_MONITOR, Map.of()));
        } finally {
            servers.standalone(List.of(schema));
            Files.write(Path.of("target", "monitor-throughput.txt"), report);
        }
    }

    private void writeTransaction(Statement sql, String table) {
        try {
            long tick = written.get() / ROWS_PER_TRANSACTION;
            StringBuilder statement;
            if (tick % 2 == 0 || nextId.get() < 2 * ROWS_PER_TRANSACTION) {
                statement = new StringBuilder("INSERT INTO ").append(table).append(" (id, payload) VALUES ");
                for (int i = 0; i < ROWS_PER_TRANSACTION; i++) {
                    long id = nextId.incrementAndGet();
                    statement.append(i == 0 ? "" : ",").append('(').append(id).append(",'row-").append(id).append("')");
                }
            } else {
                long from = Math.floorMod(tick * 7919, nextId.get() - ROWS_PER_TRANSACTION) + 1;
                statement = new StringBuilder("UPDATE ").append(table).append(" SET payload=CONCAT('u', ").append(tick)
                        .append(", '-', id) WHERE id BETWEEN ").append(from).append(" AND ").append(from + ROWS_PER_TRANSACTION - 1);
            }
            written.addAndGet(sql.executeUpdate(statement.toString()));
        } catch (SQLException | RuntimeException e) {
            print("write failed: %s", e); // a scheduled task that throws is never run again
        }
    }

    private static void waitUntil(Instant when) throws InterruptedException {
        long millis = Duration.between(Instant.now(), when).toMillis();
        if (millis > 0) {
            TimeUnit.MILLISECONDS.sleep(millis);
        }
    }

    private static long heapUsedMiB() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }

    private static long memTotalMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private synchronized void print(String format, Object... args) {
        String line = "[monitor-throughput] " + String.format(Locale.ROOT, format, args);
        report.add(line);
        System.out.println(line);
    }

    private StepCommand command(StepType type, Map<String, ?> params) {
        return StepCommand.issue(planId, UUID.randomUUID() + "-" + type, type, params, 1,
                Instant.now().plus(Duration.ofMinutes(10)), 0, Clock.systemUTC());
    }
}
