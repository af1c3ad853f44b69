package io.handoff.demo;

import io.handoff.localstack.LocalStack;
import io.handoff.localstack.db.DatabaseServer;
import io.handoff.localstack.LocalStackOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code bench/flip-window.sh}: the write-blocked window over many flips at one workload rate, and the
 * command round trip, on the embedded default. Flips alternate direction (source to target, then back
 * by a new plan) so every flip starts from a replicating pair. Prints one line per flip, then p50, p95
 * and max, and the machine; appends the figures to {@code target/bench-flip-window.txt}. Then, on the same stack
 * under the same workload, as many flips by {@link BareSqlFlip} (the same fence from one plain JDBC program, no Kafka,
 * no services), and the ratios {@code handoff / bare SQL} of both medians.
 *
 * <pre>
 * FlipBenchmark --repository DIR --work-dir DIR [--rate TOTAL_WRITES_PER_S] [--flips N] [--order writable-first|dns-first]
 *               [--baseline-flips N (default: --flips; 0: none)]
 * </pre>
 */
public final class FlipBenchmark {
    /** Steps whose executor work is a single fast statement: their duration is the command round trip. */
    /** How long the workload runs between the replica's catch-up and the next measured flip. */
    private static final Duration SETTLE = Duration.ofSeconds(2);
    private static final Set<String> ROUND_TRIP_STEPS = Set.of("FLUSH_TABLES", "STOP_REPLICA", "CAPTURE_POSITION", "RESET_REPLICA");

    private FlipBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            flags.put(args[i], args[i + 1]);
        }
        Path repository = Path.of(flags.getOrDefault("--repository", ".")).toAbsolutePath();
        Path workDir = Path.of(flags.getOrDefault("--work-dir", ".bench")).toAbsolutePath();
        double rate = Double.parseDouble(flags.getOrDefault("--rate", "1000"));
        int flips = Integer.parseInt(flags.getOrDefault("--flips", "20"));
        String order = flags.getOrDefault("--order", "writable-first");
        int baselineFlips = Integer.parseInt(flags.getOrDefault("--baseline-flips", String.valueOf(flips)));
        List<String> applications = List.of("storefront", "billing");

        List<Long> blocked = new ArrayList<>();
        List<Double> readOnlyToWritable = new ArrayList<>();
        List<Long> roundTrips = new ArrayList<>();
        List<Long> bareBlocked = new ArrayList<>();
        List<Double> bareReadOnlyToWritable = new ArrayList<>();
        long bareLost = 0;
        // storefront follows the planner's events through the handoff client library; billing follows DNS only.
        List<Long> libraryBlocked = new ArrayList<>();
        List<Long> dnsBlocked = new ArrayList<>();
        long libraryErrors = 0;
        long dnsErrors = 0;
        long acknowledged;
        Instant started;
        try (LocalStack stack = LocalStack.start(LocalStackOptions.freePorts(workDir.resolve("stack")));
                HandoffServices services = HandoffServices.start(repository, workDir, stack.coordinates());
                FlipScenario scenario = new FlipScenario(stack, services.planner(), applications, rate / applications.size())
                        .followingEvents(services.get(HandoffService.PLANNER).uri(), services.applicationLogin(),
                                Set.of(applications.get(0)))) {
            scenario.prepare();
            started = Instant.now();
            long before = scenario.report().acknowledgedCount();
            for (int flip = 1; flip <= flips; flip++) {
                boolean forward = flip % 2 == 1;
                settle(forward ? stack.source() : stack.target(), forward ? stack.target() : stack.source());
                FlipOutcome outcome = scenario.flip(forward ? "source" : "target", forward ? "target" : "source", order, "30s",
                        view -> { });
                if (!"COMPLETED".equals(outcome.planStatus()) || !outcome.invariantsHold()) {
                    throw new IllegalStateException("flip " + flip + " did not complete cleanly: " + outcome);
                }
                blocked.add(outcome.writeBlockedMs());
                ApplicationFlip library = outcome.perApplication().get(applications.get(0));
                ApplicationFlip byDns = outcome.perApplication().get(applications.get(1));
                libraryBlocked.add(library.writeBlockedMs());
                dnsBlocked.add(byDns.writeBlockedMs());
                libraryErrors += library.clientErrors();
                dnsErrors += byDns.clientErrors();
                if (outcome.readOnlyToWritableMs() != null) {
                    readOnlyToWritable.add(outcome.readOnlyToWritableMs());
                }
                outcome.stepDurationsMs().forEach((step, ms) -> {
                    if (ROUND_TRIP_STEPS.stream().anyMatch(type -> step.toUpperCase().replace('-', '_').contains(type))) {
                        roundTrips.add(ms);
                    }
                });
                System.out.printf("flip %2d %-6s write-blocked %5d ms  read-only->writable %5s ms  lost %d"
                                + "  client library %d ms (%d errors)  DNS %d ms (%d errors)%n", flip,
                        forward ? "A->B" : "B->A", outcome.writeBlockedMs(), outcome.readOnlyToWritableMs(), outcome.lostWrites(),
                        library.writeBlockedMs(), library.clientErrors(), byDns.writeBlockedMs(), byDns.clientErrors());
            }
            acknowledged = scenario.report().acknowledgedCount() - before;
            BareSqlFlip bare = new BareSqlFlip(stack, scenario);
            boolean sourceIsMaster = flips % 2 == 0;
            for (int flip = 1; flip <= baselineFlips; flip++) {
                settle(sourceIsMaster ? stack.source() : stack.target(), sourceIsMaster ? stack.target() : stack.source());
                BareSqlFlip.Result result = sourceIsMaster ? bare.flip(stack.source(), stack.target())
                        : bare.flip(stack.target(), stack.source());
                // The baseline's own loss is reported, not fatal: handoff's figures stand; the lost writes are named.
                bareLost += result.lostWrites();
                System.out.printf("bare SQL flip %2d %-6s write-blocked %5d ms  read-only->writable %5.1f ms  lost %d"
                                + "  writable overlap %d ms  (%s)%n", flip, sourceIsMaster ? "A->B" : "B->A", result.writeBlockedMs(),
                        result.readOnlyToWritableMs(), result.lostWrites(), result.writableOverlapMs(), result.window());
                bareBlocked.add(result.writeBlockedMs());
                bareReadOnlyToWritable.add(result.readOnlyToWritableMs());
                sourceIsMaster = !sourceIsMaster;
            }
        }
        double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        String figures = String.format("%s order=%s rate=%.0f writes/s asked, %.0f acknowledged/s achieved, %d flips%n"
                        + "  write-blocked window (ms):     %s%n"
                        + "  read-only -> writable (ms):    %s%n"
                        + "  command round trip (ms, %d):  %s%n"
                        + "  bare SQL, %d flips on the same stack and workload:%n"
                        + "    write-blocked window (ms):   %s%n"
                        + "    read-only -> writable (ms):  %s%n"
                        + "    acknowledged writes lost:    %d%n"
                        + "  per application, write-blocked (ms) and client errors over the flips:%n"
                        + "    %s through the client library (events): %s; %d client errors%n"
                        + "    %s through DNS only:                    %s; %d client errors%n"
                        + "  client library write-blocked p50 / read-only->writable p50: %s%n"
                        + "  write-blocked p50 handoff / bare SQL: %s%n"
                        + "  read-only->writable p50 handoff / bare SQL: %s%n"
                        + "  machine: %s%n",
                Instant.now(), order, rate, acknowledged / seconds, flips, percentiles(blocked), percentiles(readOnlyToWritable),
                roundTrips.size(), percentiles(roundTrips), bareBlocked.size(), percentiles(bareBlocked),
                percentiles(bareReadOnlyToWritable), bareLost, applications.get(0), percentiles(libraryBlocked), libraryErrors,
                applications.get(1), percentiles(dnsBlocked), dnsErrors, ratio(libraryBlocked, readOnlyToWritable),
                ratio(blocked, bareBlocked), ratio(readOnlyToWritable, bareReadOnlyToWritable),
                machine());
        System.out.print(figures);
        Path out = repository.resolve("target").resolve("bench-flip-window.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, figures, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    /** p50, p95, p99 and max of {@code values}: whole milliseconds, or to a tenth for figures measured finer. */
    static String percentiles(List<? extends Number> values) {
        if (values.isEmpty()) {
            return "none";
        }
        List<? extends Number> sorted = sorted(values);
        return String.format("p50 %s  p95 %s  p99 %s  max %s", shown(at(sorted, 0.50)), shown(at(sorted, 0.95)),
                shown(at(sorted, 0.99)), shown(sorted.get(sorted.size() - 1)));
    }

    /** The ratio of the medians, {@code "none"} when either side has no figure. */
    static String ratio(List<? extends Number> handoff, List<? extends Number> bare) {
        if (handoff.isEmpty() || bare.isEmpty()) {
            return "none";
        }
        Number base = at(sorted(bare), 0.50);
        Number median = at(sorted(handoff), 0.50);
        return base.doubleValue() == 0 ? "n/a (bare SQL p50 0 ms)" : String.format("%.2f (%s ms / %s ms)",
                median.doubleValue() / base.doubleValue(), shown(median), shown(base));
    }

    private static List<? extends Number> sorted(List<? extends Number> values) {
        List<Number> sorted = new ArrayList<>(values);
        sorted.sort(java.util.Comparator.comparingDouble(Number::doubleValue));
        return sorted;
    }

    private static String shown(Number value) {
        return value instanceof Double || value instanceof Float ? String.format("%.1f", value.doubleValue())
                : String.valueOf(value.longValue());
    }

    private static Number at(List<? extends Number> sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static String machine() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown cpu");
        return String.format("%d cores (%s), %d MiB memory, Java %s, load average %.1f", Runtime.getRuntime().availableProcessors(),
                cpu, ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize() >> 20,
                System.getProperty("java.version"), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /**
     * Before each measured flip, handoff's and bare SQL's alike: the replica catches up with the backlog the previous
     * flip left (reverse replication starts after the switch), then {@link #SETTLE} passes under the workload, so that
     * each flip meets the replica at its steady lag, not right after a catch-up.
     */
    private static void settle(DatabaseServer master, DatabaseServer replica) throws Exception {
        BareSqlFlip.awaitCaughtUp(master, replica);
        Thread.sleep(SETTLE.toMillis());
    }
}
