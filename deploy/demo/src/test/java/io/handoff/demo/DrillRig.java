package io.handoff.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.handoff.common.json.Json;
import io.handoff.localstack.LocalStack;
import io.handoff.localstack.SharedLocalStack;
import io.handoff.localstack.workload.AcknowledgedWritesCheck;
import io.handoff.localstack.workload.WorkloadReconciliation;
import io.handoff.localstack.workload.WorkloadReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * What every fault drill stands on: the JVM's local stack, the four services as packaged processes, two
 * applications writing through DNS (200 writes/s each) and the two servers as a pair. A drill picks its
 * flip with {@link #nextFlip()} (from whichever server is master to the other), holds a step in flight,
 * injects its fault, and ends with {@link #assertDrillCompleted}, which checks docs/DESIGN.md's invariants and
 * adds the drill's line to the summary written to {@code target/<name>.txt} at {@link #close()}.
 * {@link #cleanUp()} after each drill leaves a healthy stack whatever the drill did.
 */
final class DrillRig implements AutoCloseable {
    static final Duration READY = Duration.ofSeconds(120);
    /** WAIT_SYNC's own wait: long enough to outlast a restarted executor rejoining its consumer group. */
    private static final String SYNC_TIMEOUT = "60s";
    private static final Set<String> TERMINAL = Set.of("COMPLETED", "ROLLED_BACK", "FAILED", "ABORTED");

    private final String name;
    private final LocalStack stack;
    private final HandoffServices services;
    private final FlipScenario scenario;
    private final ServerPair pair;
    private final Duration insyncDelay;
    private final List<String> summary = new ArrayList<>();
    /** The drill's plan, and the cluster whose SQL thread it holds: what {@link #cleanUp} ends and releases. */
    private String currentPlan;
    private String heldCluster;

    /** A flip from the master {@code from} to its replica {@code to}. */
    record Flip(String from, String to) {
    }

    private DrillRig(String name, LocalStack stack, HandoffServices services, FlipScenario scenario) {
        this.name = name;
        this.stack = stack;
        this.services = services;
        this.scenario = scenario;
        this.pair = new ServerPair(stack);
        this.insyncDelay = stack.route53().insyncDelay();
    }

    /** Starts the stack (once per JVM), the services and the workload; the target replicates, read-only. */
    static DrillRig start(String name) throws Exception {
        return start(name, null, Map.of());
    }

    /** As {@link #start(String)}, the services that reach the databases with {@code databaseServiceConfig} too. */
    static DrillRig start(String name, Map<String, String> databaseServiceConfig) throws Exception {
        return start(name, null, databaseServiceConfig);
    }

    /**
     * Starts the stack (once per JVM), the services (cutover-service seeding with the stack's own
     * mariadb-dump) and the workload on the source; the target is empty and read-only, and the first plan
     * from source to target {@linkplain FlipScenario#migrating migrates}: prepare phase with a seed by
     * mysqldump, lag gates of {@value #MIGRATION_MAX_LAG_MS} ms, then the flip.
     */
    static DrillRig startMigration(String name) throws Exception {
        return startMigration(name, "mysqldump");
    }

    /** As {@link #startMigration(String)}, seeding by {@code seedMethod} ({@code mysqldump} or {@code parallel}). */
    static DrillRig startMigration(String name, String seedMethod) throws Exception {
        return start(name, seedMethod, Map.of());
    }

    /** The lag gates of {@link #startMigration} plans. */
    static final int MIGRATION_MAX_LAG_MS = 1000;

    /** {@code seedMethod} null: no migration, the target already replicates. */
    private static DrillRig start(String name, String seedMethod, Map<String, String> databaseServiceConfig) throws Exception {
        boolean migration = seedMethod != null;
        LocalStack stack = SharedLocalStack.get();
        Path repository = Path.of(System.getProperty("handoff.repository", "../.."));
        Path workDir = Files.createTempDirectory(Path.of("target"), name + "-");
        Map<String, String> config = new java.util.LinkedHashMap<>(databaseServiceConfig);
        if (migration) {
            config.put("handoff.cutover.client-bin-dir", stack.source().program("mariadb-dump").getParent().toString());
        }
        HandoffServices services = HandoffServices.start(repository, workDir, stack.coordinates(), config);
        FlipScenario scenario = new FlipScenario(stack, services.planner(), List.of("storefront", "billing"), 200);
        if (migration) {
            scenario.monitored(MIGRATION_MAX_LAG_MS).migrating(seedMethod);
        }
        DrillRig rig = new DrillRig(name, stack, services, scenario);
        try {
            scenario.prepare();
            // A replica is read-only before any flip fenced it: the drills start from one writable server.
            rig.pair.makeReadOnly("target");
            return rig;
        } catch (Exception | AssertionError e) {
            rig.close();
            throw e;
        }
    }

    LocalStack stack() {
        return stack;
    }

    HandoffServices services() {
        return services;
    }

    ServerPair pair() {
        return pair;
    }

    /** From the server that is master now to the other one, after checking that the pair is healthy. */
    Flip nextFlip() throws SQLException {
        List<String> writable = pair.writableClusters();
        assertThat(writable).as("exactly one writable server before the drill").hasSize(1);
        String from = writable.get(0);
        String to = ServerPair.other(from);
        // A replica whose I/O thread was just started reports Connecting until its first handshake.
        await("the other server replicates from the master").atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(pair.replicaOf(to)).as("the other server replicates from the master")
                        .isEqualTo(pair.server(from).host() + " Yes Yes"));
        return new Flip(from, to);
    }

    /** Holds the cluster's SQL thread until the drill (or {@link #cleanUp}) releases it. */
    void hold(String cluster) throws SQLException {
        pair.holdApplying(cluster);
        heldCluster = cluster;
    }

    void release(String cluster) throws SQLException {
        pair.releaseApplying(cluster);
        heldCluster = null;
    }

    /** The writable-overlap watch: a probe writing as an application on each server, started now. */
    WritableMastersWatch watch() {
        return scenario.startWatch();
    }

    /** Submits the flip with the scenario's plan plus {@code gates} and {@code approvals}; returns the plan id. */
    String submit(Flip flip, String order, Map<String, Object> gates, List<String> approvals) throws IOException {
        ObjectNode plan = (ObjectNode) Json.mapper().readTree(scenario.planDocument(flip.from(), flip.to(), order, SYNC_TIMEOUT));
        if (gates != null) {
            plan.set("gates", Json.mapper().valueToTree(gates));
        }
        if (!approvals.isEmpty()) {
            plan.set("approvals", Json.mapper().valueToTree(approvals));
        }
        return post(plan);
    }

    /** Submits the flip without LOWER_TTL and RESTORE_TTL: its first Route 53 API call is then the DNS switch's. */
    String submitWithoutLoweringTtls(Flip flip, String order) throws IOException {
        ObjectNode plan = (ObjectNode) Json.mapper().readTree(scenario.planDocument(flip.from(), flip.to(), order, SYNC_TIMEOUT));
        ((ObjectNode) plan.path("flip")).remove("lowerTtl");
        return post(plan);
    }

    private String post(ObjectNode plan) throws IOException {
        currentPlan = services.planner().submit(plan.toString()).path("id").asText();
        return currentPlan;
    }

    /** The steps the flip's plan compiles to (a dry run: nothing is started). */
    JsonNode steps(Flip flip, String order) throws IOException {
        return services.planner().dryRun(scenario.planDocument(flip.from(), flip.to(), order, SYNC_TIMEOUT)).path("steps");
    }

    String submit(Flip flip, String order) throws IOException {
        return submit(flip, order, null, List.of());
    }

    /** The step of {@code type} in a plan view. */
    static JsonNode step(JsonNode view, String type) {
        return java.util.stream.StreamSupport.stream(view.path("steps").spliterator(), false)
                .filter(s -> type.equals(s.path("type").asText())).findFirst().orElseThrow();
    }

    /** Waits until the plan's first step of {@code type} is in one of {@code states}; fails if the plan ends first. */
    JsonNode awaitStep(String planId, String type, Set<String> states) {
        JsonNode[] step = new JsonNode[1];
        await(type + " " + states).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).until(() -> {
            JsonNode view = services.planner().get(planId);
            step[0] = StreamSupport.stream(view.path("steps").spliterator(), false)
                    .filter(s -> type.equals(s.path("type").asText())).findFirst().orElseThrow();
            if (states.contains(step[0].path("state").asText())) {
                return true;
            }
            assertThat(view.path("status").asText()).as("plan ended before " + type + " was " + states + ": " + view)
                    .isIn("RUNNING", "PAUSED");
            return false;
        });
        return step[0];
    }

    /**
     * Follows the plan to its end and checks that it COMPLETED with every invariant holding: no
     * acknowledged write lost, none acknowledged by the old master after its fence, exactly one writable
     * server (the new master) and never two in the watch's samples, DNS answering with the new master, the
     * old master replicating from it. Adds the drill's line to the summary first, whatever the outcome.
     */
    FlipOutcome assertDrillCompleted(String drill, String planId, Flip flip, WritableMastersWatch watch, Instant began)
            throws Exception {
        return assertDrillEnded(drill, planId, flip, watch, began, false);
    }

    /**
     * As {@link #assertDrillCompleted}, or a plan ROLLED_BACK: then the old master is the only writable server (read
     * from the servers and the probes), nothing acknowledged is lost, DNS answers with the old master and the other
     * server replicates from it.
     */
    FlipOutcome assertDrillEnded(String drill, String planId, Flip flip, WritableMastersWatch watch, Instant began)
            throws Exception {
        return assertDrillEnded(drill, planId, flip, watch, began, true);
    }

    private FlipOutcome assertDrillEnded(String drill, String planId, Flip flip, WritableMastersWatch watch, Instant began,
            boolean rollbackAllowed) throws Exception {
        FlipOutcome outcome = scenario.followSubmitted(planId, watch, view -> { });
        boolean rolledBack = rollbackAllowed && "ROLLED_BACK".equals(outcome.planStatus());
        String to = rolledBack ? flip.from() : flip.to();
        String from = rolledBack ? flip.to() : flip.from();
        String master = pair.server(to).host();
        List<String> writableAfter = pair.writableClusters();
        summary.add(String.format("%-62s %-10s %-14s %4d s  writes blocked %6d ms  lost %d  acked by old master after "
                        + "fence %s  census %s  both writable %s ms (%d probe writes)  rowDiffs %s  writable after %s"
                        + "  per application %s", drill, outcome.planStatus(), outcome.order(),
                Duration.between(began, Instant.now()).toSeconds(), outcome.writeBlockedMs(), outcome.lostWrites(),
                outcome.writesOnOldMasterAfterReadOnly(), outcome.oldMasterWritesAfterFence(), outcome.writableOverlapMs(),
                watch.samples(), outcome.rowDiffs(), writableLabel(writableAfter, flip), perApplication(outcome)));

        assertThat(outcome.planStatus()).as(outcome.toString()).isEqualTo(rolledBack ? "ROLLED_BACK" : "COMPLETED");
        if (outcome.lostWrites() != 0) {
            assertThat(outcome.lostWrites()).as("acknowledged writes missing on the master: " + lostWrites(to)).isZero();
        }
        assertThat(outcome.writableServers()).as("servers writable to applications after the drill (read from them)")
                .containsExactly(master);
        assertThat(writableAfter).as("writable servers after the drill").containsExactly(to);
        assertThat(outcome.writableOverlapMs()).as("both servers accepted the probe write: " + watch.violations()).isZero();
        assertThat(watch.samples()).as("probe writes attempted").isPositive();
        if (!rolledBack) {
            assertThat(outcome.writesOnOldMasterAfterReadOnly()).as("writes acknowledged by the old master after its fence")
                    .isZero();
            assertThat(outcome.newMaster()).isEqualTo(master);
            assertThat(outcome.oldMasterWritesAfterFence()).as("the old master's own transactions past the fence: "
                    + outcome.census()).isZero();
            assertThat(outcome.rowDiffs()).as("rows differing at one GTID position: " + outcome.rowComparison()).isZero();
        }
        assertThat(outcome.dnsAnswers()).as("DNS after the drill")
                .containsOnly(Map.entry("storefront", master), Map.entry("billing", master));
        await("the other server replicates from the master").atMost(Duration.ofSeconds(30))
                .until(() -> pair.replicaOf(from), state -> state.equals(master + " Yes Yes"));
        return outcome;
    }

    /** The servers writable after the drill, as read from them, each named as the flip's old or new master. */
    private static String writableLabel(List<String> writable, Flip flip) {
        if (writable.isEmpty()) {
            return "none";
        }
        return String.join("+", writable.stream().map(cluster -> (cluster.equals(flip.from()) ? "old-master:"
                : cluster.equals(flip.to()) ? "new-master:" : "") + cluster).toList());
    }

    /** Each application's longest gap between acknowledged writes around the flip, {@code name=ms,...}. */
    private static String perApplication(FlipOutcome outcome) {
        return outcome.perApplication() == null || outcome.perApplication().isEmpty() ? "-"
                : String.join(",", outcome.perApplication().entrySet().stream()
                        .map(app -> app.getKey() + "=" + app.getValue().writeBlockedMs()).toList());
    }

    /**
     * The writes the workload's record and {@code cluster}'s rows disagree on, named, each with every attempt
     * on its row or transfer (outcome, server, sent and ended): what a failed lost-writes check needs to be
     * understood without a rerun.
     */
    private String lostWrites(String cluster) throws SQLException {
        WorkloadReport report = scenario.report();
        StringBuilder named = new StringBuilder();
        try (Connection connection = pair.server(cluster).connect(stack.accounts().admin())) {
            WorkloadReconciliation.reconcile(connection, report).forEach((application, figures) -> {
                if (figures.lostWrites() != 0) {
                    named.append(application).append(' ').append(figures.lost()).append("; ");
                }
            });
            for (long id : AcknowledgedWritesCheck.missing(connection, report)) {
                report.attempts().stream().filter(attempt -> attempt.row() == id || attempt.id() == id)
                        .forEach(attempt -> named.append("\n  ").append(attempt));
            }
        }
        return named.toString();
    }

    /**
     * After a drill, whatever it did or failed to do: faults lifted, the broker and every service
     * running, the held SQL thread applying again, and the drill's plan ended (aborted if it still runs
     * and may be), so that one failed drill does not fail the next ones.
     */
    void cleanUp() throws Exception {
        stack.route53().clearFaults();
        stack.route53().setInsyncDelay(insyncDelay);
        if (!stack.kafka().isRunning()) {
            stack.kafka().start();
        }
        for (HandoffService service : HandoffService.values()) {
            if (!services.get(service).isRunning()) {
                services.get(service).restart(READY);
            }
        }
        if (heldCluster != null) {
            release(heldCluster);
        }
        if (currentPlan != null) {
            String planId = currentPlan;
            currentPlan = null;
            if (!TERMINAL.contains(services.planner().get(planId).path("status").asText())) {
                try {
                    services.planner().abort(planId);
                } catch (PlanRefusedException refused) {
                    // past its DNS switch: it can only run to its end
                }
                services.planner().awaitEnd(planId, Duration.ofMinutes(3), view -> { });
            }
        }
    }

    /** Writes the summary ({@code target/<name>.txt}, and standard output), stops the workload and the services. */
    @Override
    public void close() throws IOException {
        try {
            if (!summary.isEmpty()) {
                String text = String.join("\n", summary) + "\n";
                System.out.print(name + ":\n" + text);
                Files.writeString(Path.of("target", name + ".txt"), text);
            }
        } finally {
            scenario.close();
            services.close();
        }
    }
}
