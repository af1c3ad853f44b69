package io.handoff.demo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.handoff.common.json.Json;
import io.handoff.localstack.LocalStack;
import io.handoff.localstack.LocalStackOptions;
import io.handoff.localstack.db.DatabaseServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

/**
 * {@code ./demo}: starts the local stack and the four services, runs a workload of three applications
 * that write through DNS from before the seed to the end (each with an A record in two hosted zones, the
 * private {@code internal.example.} and {@code dc2.example.}) and a scheduled event on the source
 * ({@link TickingEvent}), posts a whole migration (prepare and flip)
 * and prints a line per step; optionally flips back; declares the point of no return on the last flip;
 * then checks docs/DESIGN.md's invariants and what each stage promised, prints the summary and writes it to
 * {@code target/demo-summary.json}. Exits 1 when any check failed.
 *
 * <pre>
 * DemoMain --repository DIR --work-dir DIR [--order writable-first|dns-first] [--rate N] [--flip-back [true|false]]
 *          [--keep-running true] [--migrate true|false]
 * </pre>
 */
public final class DemoMain {
    /** The demo's lag gate: READ_ONLY waits until the monitor measures at most this. */
    private static final int MAX_LAG_MS = 1000;
    private static final List<String> APPLICATIONS = List.of("storefront", "billing", "inventory");
    /** The application that follows the planner's events through the handoff client library; the others use DNS only. */
    static final String EVENT_FOLLOWER = "storefront";
    private static final List<FlipScenario.Zone> ZONES = List.of(new FlipScenario.Zone("internal.example.", true),
            new FlipScenario.Zone("dc2.example.", false));

    private DemoMain() {
    }

    public static void main(String[] args) throws Exception {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (DemoOptions.UsageException e) {
            System.err.println("./demo: " + e.getMessage() + "\n" + DemoOptions.USAGE);
            System.exit(2);
            return;
        }
        Path repository = options.repository();
        Path workDir = options.workDir();
        String order = options.order();
        double rate = options.rate();
        boolean keepRunning = options.keepRunning();
        boolean migrate = options.migrate();
        boolean flipBack = options.flipBack();

        boolean failed = false;
        say("starting the local stack (" + options.sourceFlavor().optionName() + " -> " + options.targetFlavor().optionName()
                + (options.secureKafka() ? "; Kafka secured, a principal per service" : "") + "; logs and data in " + workDir + ")");
        try (LocalStack stack = LocalStack.start(LocalStackOptions.freePorts(workDir.resolve("stack"))
                .withFlavors(options.sourceFlavor(), options.targetFlavor()).withSecureKafka(options.secureKafka()))) {
            say("local stack:\n" + stack.coordinates().describe());
            say("starting the four services");
            // The cutover service loads the definitions with the source's own dump program (mariadb-dump or mysqldump).
            Map<String, String> cutover = Map.of("handoff.cutover.client-bin-dir",
                    stack.source().dumpProgram().getParent().toString());
            try (HandoffServices services = HandoffServices.start(repository, workDir, stack.coordinates(), cutover)) {
                for (HandoffService service : HandoffService.values()) {
                    say(String.format("  %-20s %s", service.module(), services.get(service).uri()));
                }
                say(String.format("  %-20s %s/  (user operator, password in %s)", "dashboard",
                        services.get(HandoffService.PLANNER).uri(), workDir.resolve("planner.properties")));
                MetricsCheck metricsCheck = new MetricsCheck();
                DemoChecks checks = new DemoChecks();
                Map<String, Object> summaryValues = run(stack, services, order, rate, migrate, flipBack, options.readOnlyStrategy(),
                        metricsCheck, checks);
                summaryValues.put("readOnlyStrategy", options.readOnlyStrategy());
                summaryValues.put("servers", ServersSummary.of(stack));
                Map<String, Object> kafka = KafkaPrincipals.check(stack, services, checks);
                summaryValues.put("kafka", kafka);
                say("Kafka " + ((Boolean) kafka.get("secured") ? "secured (SASL_SSL, SCRAM-SHA-512, ACLs)" : "in plaintext")
                        + "; each service's principal as its readiness check reports it: " + kafka.get("principals"));
                metricsCheck.scrape(services);
                Map<String, List<String>> metrics = metricsCheck.result();
                summaryValues.put("metrics", metrics);
                if (!metrics.get("missing").isEmpty()) {
                    say("documented metrics not served: " + metrics.get("missing"));
                }
                summaryValues.put("checks", checks.toSummary());
                Path summary = writeSummary(repository.resolve("target").resolve("demo-summary.json"), summaryValues);
                say("summary (" + summary + "):\n" + Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(summaryValues));
                printHeadlines(summaryValues, checks);
                if (keepRunning) {
                    say("everything stays up; Ctrl-C stops it");
                    new CountDownLatch(1).await();
                }
                if (!checks.allPassed()) {
                    say("FAILED: " + checks.failed().size() + " of " + checks.count() + " checks");
                    failed = true;
                }
            }
        }
        // Only now, with the services and the servers stopped: System.exit inside the blocks above skipped
        // their closing and left MySQL servers and services running after the demo.
        if (failed) {
            System.exit(1);
        }
    }

    /**
     * The migration, the optional flip back and the point of no return, each followed by its checks;
     * returns the summary: the flip's outcome at the top level, then {@code migration}, {@code flipBack},
     * {@code pointOfNoReturn}, {@code workload} and {@code applications}.
     */
    private static Map<String, Object> run(LocalStack stack, HandoffServices services, String order, double rate,
            boolean migrate, boolean flipBack, String readOnlyStrategy, MetricsCheck metrics, DemoChecks checks) throws Exception {
        PlannerClient planner = services.planner();
        try (FlipScenario scenario = new FlipScenario(stack, planner, APPLICATIONS, rate).inZones(ZONES).monitored(MAX_LAG_MS)
                .readOnly(readOnlyStrategy)
                .followingEvents(services.get(HandoffService.PLANNER).uri(), services.applicationLogin(), Set.of(EVENT_FOLLOWER))) {
            if (migrate) {
                scenario.migrating("parallel");
                say("starting the workload on the source (" + APPLICATIONS.size() + " applications, " + rate
                        + " writes/s each); the target is empty");
            } else {
                say("seeding the target, starting replication and the workload (" + APPLICATIONS.size()
                        + " applications, " + rate + " writes/s each)");
            }
            scenario.prepare();
            TickingEvent ticking = TickingEvent.install(stack, FlipScenario.schema(EVENT_FOLLOWER));
            say("  a scheduled event, " + ticking.name() + ", writes a row every second on the source, tagged with the server"
                    + " that ran it");
            ApplicationAddresses addresses = scenario.applicationAddresses();
            say("  the applications reach " + addresses.describe() + (addresses.throughEndpoints()
                    ? " (the clusters' application endpoints, which their security groups open and close)" : ""));
            Map<String, Object> applications = new LinkedHashMap<>();
            for (String application : APPLICATIONS) {
                applications.put(application, Map.of("resolves", scenario.resolvedName(application),
                        "records", scenario.databaseNames(application)));
                say(String.format("  %-12s resolves %s; records %s", application, scenario.resolvedName(application),
                        scenario.databaseNames(application)));
            }
            say("posting the plan (" + (migrate ? "prepare: precheck, binlog retention, parallel seed, replication,"
                    + " monitor, caught-up gate, verify; then " : "") + "the flip, " + order + ")");
            Map<String, String> printed = new HashMap<>();
            long lastTickBeforeFlip = ticking.lastTick(stack.source());
            FlipOutcome flip = scenario.flip("source", "target", order, "30s", view -> {
                printChanges(view, printed);
                if (stepSucceeded(view, "READ_ONLY") && printed.put("(metrics scraped)", "yes") == null) {
                    metrics.scrape(services); // while the monitor runs: its lag gauge exists only then
                }
            });
            checkFlip(checks, "flip", flip, stack.target().host(), addresses);
            checkEvent(checks, "flip", ticking, stack.target(), lastTickBeforeFlip);
            checkApplications(checks, "flip", flip);
            MigrationFigures figures = MigrationFigures.of(planner.get(flip.planId()));
            if (migrate) {
                checks.atLeast("seed copied rows", 1, figures.seedRows())
                        .atLeast("verify compared rows", 1, figures.verifyRows())
                        .equal("verify found no drift (rows)", 0L, figures.driftRows());
            }
            Map<String, Object> summary = Json.mapper().convertValue(flip, new TypeReference<LinkedHashMap<String, Object>>() { });
            summary.put("migration", figures);

            FlipOutcome last = flip;
            DatabaseServer lastOldMaster = stack.source();
            DatabaseServer finalMaster = stack.target();
            if (flipBack && "COMPLETED".equals(flip.planStatus())) {
                say("flipping back (the planner's flip back of " + flip.planId() + ")");
                Map<String, String> printedBack = new HashMap<>();
                long lastTickBeforeBack = ticking.lastTick(stack.target());
                FlipOutcome back = scenario.flipBack(flip.planId(), view -> printChanges(view, printedBack));
                checkFlip(checks, "flip back", back, stack.source().host(), addresses);
                checkEvent(checks, "flip back", ticking, stack.source(), lastTickBeforeBack);
                checkApplications(checks, "flip back", back);
                summary.put("flipBack", back);
                last = back;
                lastOldMaster = stack.target();
                finalMaster = stack.source();
            } else if (flipBack) {
                checks.equal("flip back possible", "COMPLETED", flip.planStatus());
            }

            if (!"COMPLETED".equals(last.planStatus())) {
                finalMaster = lastOldMaster; // rolled back or failed: the old master is the master still
            }
            DatabaseServer master = finalMaster;
            Instant declared = Instant.now();
            if ("COMPLETED".equals(last.planStatus())) {
                say("declaring the point of no return on " + last.planId());
                PointOfNoReturn.Outcome ponr = new PointOfNoReturn(planner, stack.accounts().admin())
                        .declare(last.planId(), lastOldMaster);
                say("  point of no return " + (ponr.completed() ? "reached" : "NOT reached (" + ponr.state() + ": "
                        + ponr.failure() + ")") + " in " + ponr.durationMs() + " ms; old master " + lastOldMaster.host()
                        + ": " + ponr.oldMasterReplication() + "; flip back refused with " + ponr.flipBackRefusedWith());
                checks.equal("point of no return completed", true, ponr.completed())
                        .equal("old master replicates no more after the point of no return", PointOfNoReturn.NOT_A_REPLICA,
                                ponr.oldMasterReplication())
                        .equal("flip back refused after the point of no return (HTTP status)", 409, ponr.flipBackRefusedWith());
                summary.put("pointOfNoReturn", ponr);
                // The workload goes on past the point of no return: each application must still write to the new master.
                Instant afterPonr = Instant.now();
                awaitUpTo(Duration.ofSeconds(15), () -> APPLICATIONS.stream().allMatch(app -> scenario.report()
                        .acksOn(addresses.of(master), afterPonr).stream().anyMatch(ack -> ack.application().equals(app))));
                declared = afterPonr;
            } else {
                checks.equal("point of no return possible", "COMPLETED", last.planStatus());
            }

            FlipScenario.WorkloadEnd end = scenario.endWorkload(finalMaster, declared);
            checks.equal("no acknowledged write lost over the whole run (on " + finalMaster.host() + ")", 0L, end.lostWrites())
                    .allAtLeast("every application wrote to " + finalMaster.host() + " until the end", 1,
                            end.acksOnMasterByApplication());
            end.perApplication().forEach((application, own) -> checks
                    .equal(application + ": lostWrites (inserts, updates, deletes, transfers; on " + master.host() + ")",
                            0L, own.lostWrites())
                    .equal(application + ": transfers' invariant", "holds", own.transferInvariant().holds() ? "holds"
                            : "broken: sum " + own.transferInvariant().foundSum() + " instead of "
                                    + own.transferInvariant().expectedSum() + "; " + own.transferInvariant().differences())
                    .equal(application + ": every in-doubt commit resolved by its row", own.inDoubt(),
                            own.inDoubtResolvedCommitted() + own.inDoubtResolvedNotCommitted()));
            Map<String, Object> workload = new LinkedHashMap<>();
            workload.put("applications", APPLICATIONS.size());
            workload.put("writesPerSecondPerApplication", rate);
            workload.put("finalMaster", finalMaster.host());
            workload.putAll(Json.mapper().convertValue(end, new TypeReference<LinkedHashMap<String, Object>>() { }));
            summary.put("workload", workload);
            summary.put("applications", applications);
            summary.put("applicationAddresses", addresses);
            return summary;
        }
    }

    /**
     * A flip's checks: COMPLETED, docs/DESIGN.md's invariants as the servers show them (exactly one server writable to
     * applications, the expected one; no own transaction in the old master's binlog past the fence; never both
     * servers accepting a probe write; equal rows at one GTID position), and every record of every application
     * on the new master: at the address {@code addresses} says applications reach it at (its cluster's endpoint
     * under security-group-swap). An unknown figure (null) fails its check.
     */
    static void checkFlip(DemoChecks checks, String flip, FlipOutcome outcome, String expectedMaster, ApplicationAddresses addresses) {
        String dnsAnswer = addresses.ofServer(expectedMaster);
        checks.equal(flip + " COMPLETED", "COMPLETED", outcome.planStatus() + (outcome.reason() == null ? "" : ": " + outcome.reason()))
                .equal(flip + ": lostWrites", 0L, outcome.lostWrites())
                .equal(flip + ": writesOnOldMasterAfterReadOnly", 0L, outcome.writesOnOldMasterAfterReadOnly())
                .equal(flip + ": servers writable to applications afterwards (read from the servers)", List.of(expectedMaster),
                        outcome.writableServers())
                .equal(flip + ": master afterwards (read from the servers)", expectedMaster, outcome.newMaster())
                .equal(flip + ": oldMasterWritesAfterFence (binlog census)", 0L, outcome.oldMasterWritesAfterFence())
                .equal(flip + ": writableOverlapMs (probe writes)", 0L, outcome.writableOverlapMs())
                .equal(flip + ": rowDiffs (old and new master at one GTID position)", 0L, outcome.rowDiffs())
                .allEqual(flip + ": DNS records in both zones answer the new master"
                        + (dnsAnswer.equals(expectedMaster) ? "" : " (" + expectedMaster + " at " + dnsAnswer + ")"), dnsAnswer,
                        outcome.dnsRecordAnswers())
                .atLeast(flip + ": writes acknowledged by the new master after the plan", 1, outcome.acksOnNewMasterAfterPlan());
    }

    /**
     * The scheduled event moved with the master: rows the new master's own runs of it wrote after the flip, read from the
     * new master. (That the old master's runs stopped at its fence is the binlog census's: every row is a transaction of
     * its own.)
     */
    private static void checkEvent(DemoChecks checks, String flip, TickingEvent ticking, DatabaseServer newMaster,
            long lastTickBefore) throws SQLException, InterruptedException {
        checks.atLeast(flip + ": the scheduled event " + ticking.name() + " runs on the new master (its rows, read from it)", 1,
                ticking.ranOn(newMaster, lastTickBefore));
    }

    /**
     * What the application that follows events must see of a flip (issue 18): no client error, and a write acknowledged
     * by the new master after its WRITABLE. Its write-blocked time beside the DNS-only applications' is a figure of the
     * summary (a speed goal, measured, not checked: see bench/flip-window.sh).
     */
    static void checkApplications(DemoChecks checks, String flip, FlipOutcome outcome) {
        ApplicationFlip follower = outcome.perApplication().get(EVENT_FOLLOWER);
        checks.equal(flip + ": " + EVENT_FOLLOWER + " (client library) clientErrors", 0L,
                        follower == null ? null : follower.clientErrors())
                .atLeast(flip + ": " + EVENT_FOLLOWER + " (client library) wrote to the new master after its WRITABLE (ms)",
                        0, follower == null ? null : follower.firstWriteAfterWritableMs());
    }

    /** Waits until {@code condition} holds or {@code timeout} passed; the checks that follow say which. */
    private static void awaitUpTo(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
    }

    /** The figures a reader looks for first, after the JSON. */
    private static void printHeadlines(Map<String, Object> summary, DemoChecks checks) {
        Object figures = summary.get("migration");
        if (figures instanceof MigrationFigures f && f.seedRows() != null) {
            say(String.format("seed:   %d rows, %d bytes in %d ms (%d rows/s, %d bytes/s, %s)", f.seedRows(),
                    f.seedBytes(), f.seedMs(), f.seedRowsPerSecond(), f.seedBytesPerSecond(),
                    f.seedThreads() == null ? "one stream" : f.seedThreads() + " threads"));
            say(String.format("verify: %d rows in %d ms (%d rows/s); drift found: %d rows", f.verifyRows(), f.verifyMs(),
                    f.verifyRowsPerSecond(), f.driftRows()));
        }
        say("flip:   " + headline(summary.get("planStatus"), summary.get("writeBlockedMs"), summary.get("lostWrites"),
                summary.get("writesOnOldMasterAfterReadOnly")) + fenceHeadline(summary.get("newMaster"),
                summary.get("oldMasterWritesAfterFence"), summary.get("writableOverlapMs"), summary.get("rowDiffs")));
        if (summary.get("perApplication") instanceof Map<?, ?> apps) {
            sayApplications(apps);
        }
        if (summary.get("flipBack") instanceof FlipOutcome back) {
            say("back:   " + headline(back.planStatus(), back.writeBlockedMs(), back.lostWrites(), back.writesOnOldMasterAfterReadOnly())
                    + fenceHeadline(back.newMaster(), back.oldMasterWritesAfterFence(), back.writableOverlapMs(), back.rowDiffs()));
            sayApplications(back.perApplication());
        }
        if (summary.get("pointOfNoReturn") instanceof PointOfNoReturn.Outcome ponr) {
            say("point of no return: " + (ponr.completed() ? "completed" : "not completed") + ", flip back refused with "
                    + ponr.flipBackRefusedWith());
        }
        say("checks: " + (checks.count() - checks.failed().size()) + " of " + checks.count() + " passed"
                + (checks.allPassed() ? "" : "; failed: " + checks.failed()));
    }

    private static void sayApplications(Map<?, ?> applications) {
        applications.forEach((name, figures) -> {
            ApplicationFlip app = Json.mapper().convertValue(figures, ApplicationFlip.class);
            say(String.format("        %-12s follows %-6s writes blocked %5d ms, client errors %d, held statements %s,"
                    + " first write on the new master %s ms after WRITABLE", name, app.follows(), app.writeBlockedMs(),
                    app.clientErrors(), app.heldStatements() == null ? "-" : app.heldStatements(),
                    app.firstWriteAfterWritableMs()));
        });
    }

    private static String headline(Object status, Object blockedMs, Object lost, Object onOld) {
        return status + ", writes blocked " + blockedMs + " ms, lostWrites " + lost + ", writesOnOldMasterAfterReadOnly " + onOld;
    }

    private static String fenceHeadline(Object newMaster, Object census, Object overlapMs, Object rowDiffs) {
        return "; read from the servers: newMaster " + newMaster + ", oldMasterWritesAfterFence " + census
                + ", writableOverlapMs " + overlapMs + ", rowDiffs " + rowDiffs;
    }

    private static boolean stepSucceeded(JsonNode view, String type) {
        for (JsonNode step : view.path("steps")) {
            if (step.path("type").asText().equals(type) && step.path("state").asText().equals("SUCCEEDED")) {
                return true;
            }
        }
        return false;
    }

    /** One line per step state change: the live view of the plan. */
    private static void printChanges(JsonNode view, Map<String, String> printed) {
        for (JsonNode step : view.path("steps")) {
            printStep(step, printed);
        }
        if (view.path("rollback").isObject()) {
            printStep(view.path("rollback"), printed);
        }
        String status = view.path("status").asText();
        if (!status.equals(printed.put("(plan)", status))) {
            say("plan " + status + (view.path("reason").isTextual() ? ": " + view.path("reason").asText() : ""));
        }
    }

    private static void printStep(JsonNode step, Map<String, String> printed) {
        String state = step.path("state").asText();
        if (state.equals("PENDING") || state.equals(printed.put(step.path("stepId").asText(), state))) {
            return;
        }
        String duration = step.path("durationMs").isNumber() ? step.path("durationMs").asLong() + " ms" : "";
        String detail = step.path("failure").isObject() ? step.path("failure").path("reason").asText()
                : step.path("facts").isObject() && step.path("facts").size() > 0 ? step.path("facts").toString() : "";
        say(String.format("  %-28s %-9s %7s  %s", step.path("stepId").asText(), state, duration, detail));
    }

    private static Path writeSummary(Path file, Map<String, Object> summary) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(summary));
        return file;
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

}
