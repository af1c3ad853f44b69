package io.handoff.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.handoff.common.event.StepParams;
import io.handoff.common.json.Json;
import io.handoff.localstack.LocalStack;
import io.handoff.localstack.mariadb.LocalReplication;
import io.handoff.localstack.db.DatabaseServer;
import io.handoff.localstack.workload.Ack;
import io.handoff.localstack.workload.AcknowledgedWritesCheck;
import io.handoff.localstack.workload.Workload;
import io.handoff.localstack.workload.WorkloadApplication;
import io.handoff.localstack.workload.WorkloadReconciliation;
import io.handoff.localstack.workload.WorkloadReport;
import io.handoff.localstack.workload.WorkloadSettings;
import io.handoff.localstack.workload.WritesTable;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A migration on the local stack as an operator would run it: applications resolve their database
 * through DNS and write all the time; the target is seeded and replicates; a flip plan goes to the
 * planner; afterwards the writes, the servers and DNS are checked against docs/DESIGN.md's invariants.
 * Several flips may follow one another (A to B, then back).
 */
public final class FlipScenario implements AutoCloseable {
    /** The hosted zone holding each application's database name, unless {@link #inZones} says otherwise. */
    public static final String ZONE = "internal.example.";
    /** A real plan waits for the target to catch up as long as its gate allows (1 h); the demo gives it this much. */
    private static final Duration PLAN_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration SETTLE = Duration.ofSeconds(15);
    private static final int NO_SUCH_TABLE = 1146;
    private static final int UNKNOWN_DATABASE = 1049;

    private final LocalStack stack;
    private final PlannerClient planner;
    private final List<String> applications;
    private final double writesPerSecond;
    private String readOnlyStrategy = "global";
    /** Where applications reach each server: fixed by {@link #prepare}, which points DNS and the workload there. */
    private ApplicationAddresses addresses;
    private List<Zone> zones = List.of(new Zone(ZONE, false));
    private Integer maxLagMs;
    private String prepareByPlan;
    private Workload workload;
    private EventFollowingApplications following = EventFollowingApplications.none();
    /** Per application, what its client library had held when the last flip was measured. */
    private final Map<String, Long> heldBefore = new LinkedHashMap<>();

    public FlipScenario(LocalStack stack, PlannerClient planner, List<String> applications, double writesPerSecond) {
        this.stack = stack;
        this.planner = planner;
        this.applications = List.copyOf(applications);
        this.writesPerSecond = writesPerSecond;
    }

    /**
     * A hosted zone holding one A record per application ({@code db.<app>.<zone>}).
     *
     * @param name        the zone's name, with the trailing dot
     * @param privateZone created as a private zone (the applications' internal zone) or a public one
     */
    public record Zone(String name, boolean privateZone) {
    }

    /**
     * Every application's database gets an A record in each of {@code zones}, and every plan switches all of
     * them; application number i (in the order given) resolves its database through zone i modulo their count.
     */
    public FlipScenario inZones(List<Zone> zones) {
        if (zones.isEmpty()) {
            throw new IllegalArgumentException("at least one zone");
        }
        this.zones = List.copyOf(zones);
        return this;
    }

    /**
     * The plans' read-only strategy ({@code flip.readOnly}): {@code global} unless set. It decides where
     * applications connect ({@link ApplicationAddresses}), so after {@link #prepare} it may change only to a
     * strategy whose applications connect to the same addresses.
     */
    public FlipScenario readOnly(String strategy) {
        java.util.Objects.requireNonNull(strategy, "strategy");
        if (addresses != null && !addresses.equals(ApplicationAddresses.of(stack, strategy))) {
            throw new IllegalStateException("the applications already reach the servers at " + addresses.describe()
                    + "; read-only strategy " + strategy + " needs other addresses: set it before prepare()");
        }
        this.readOnlyStrategy = strategy;
        return this;
    }

    /**
     * Plans from now on gate READ_ONLY on the monitor's lag ({@code gates.maxLagMs}): the planner starts the
     * replication monitor first and stops it after the last DNS switch.
     */
    public FlipScenario monitored(int maxLagMs) {
        this.maxLagMs = maxLagMs;
        return this;
    }

    /**
     * Plans from now on carry the prepare phase too (PRECHECK, binlog retention, SEED by {@code seedMethod},
     * START_REPLICATION, monitor, caught-up gate, VERIFY): {@link #prepare} then leaves the target empty.
     */
    public FlipScenario migrating(String seedMethod) {
        this.prepareByPlan = seedMethod;
        return this;
    }

    /**
     * {@code names} write through the handoff client library, which follows their events on {@code planner} as
     * {@code login}; the other applications use DNS only. Before {@link #prepare}.
     */
    public FlipScenario followingEvents(java.net.URI planner, io.handoff.localstack.mariadb.DbAccount login,
            java.util.Set<String> names) {
        if (workload != null) {
            throw new IllegalStateException("set which applications follow events before prepare()");
        }
        following.close();
        following = new EventFollowingApplications(planner, login, names);
        return this;
    }

    private List<String> schemas() {
        return applications.stream().map(FlipScenario::schema).toList();
    }

    /** DNS name of an application's database in {@link #ZONE}. */
    /** The hosted zones holding the applications' records. */
    public List<Zone> zones() {
        return zones;
    }

    /** The address applications reach {@code server} at (its own, or its cluster's application endpoint). */
    public String applicationAddress(DatabaseServer server) {
        return addresses.of(server);
    }

    public static String databaseName(String application) {
        return databaseName(application, ZONE);
    }

    /** DNS name of an application's database in {@code zone}. */
    public static String databaseName(String application, String zone) {
        return "db." + application + "." + zone;
    }

    /** The name {@code application}'s workload resolves to reach its database. */
    public String resolvedName(String application) {
        int index = applications.indexOf(application);
        if (index < 0) {
            throw new IllegalArgumentException("no application " + application);
        }
        return databaseName(application, zones.get(index % zones.size()).name());
    }

    /** Every DNS name of {@code application}'s database, one per zone, in zone order. */
    public List<String> databaseNames(String application) {
        return zones.stream().map(zone -> databaseName(application, zone.name())).toList();
    }

    public List<String> applications() {
        return applications;
    }

    /** Where applications reach each server under this scenario's read-only strategy (fixed once {@link #prepare}d). */
    ApplicationAddresses applicationAddresses() {
        return addresses != null ? addresses : ApplicationAddresses.of(stack, readOnlyStrategy);
    }

    /**
     * Points every application at the source through DNS in every zone (TTL 1 s; the source's own address, or its
     * cluster's application endpoint under {@code security-group-swap}), creates their tables there, seeds
     * the target and starts replication target &lt;- source (unless {@link #migrating plans do that}),
     * then starts the workload and waits for its first acknowledgements.
     */
    public void prepare() throws IOException, SQLException {
        // The writable-overlap watch's scratch table, on each server and never replicated: created now, while
        // neither server is fenced.
        WritableMastersWatch.createScratchTable(stack.source());
        WritableMastersWatch.createScratchTable(stack.target());
        addresses = applicationAddresses();
        try (DemoDns dns = new DemoDns(stack.route53().endpoint())) {
            for (Zone zone : zones) {
                String zoneId = dns.createZone(zone.name(), zone.privateZone());
                for (String application : applications) {
                    dns.upsertA(zoneId, databaseName(application, zone.name()), addresses.of(stack.source()), 1);
                }
            }
        }
        WorkloadSettings settings = WorkloadSettings.defaults(stack.route53().dnsAddress());
        workload = new Workload(settings, applications.stream()
                .map(app -> following.wired(WorkloadApplication.of(app, resolvedName(app), addresses.port(),
                        stack.accounts().app(), schema(app)).withWritesPerSecond(writesPerSecond), settings))
                .toList());
        workload.prepare();
        if (prepareByPlan == null) {
            new LocalReplication(stack.source(), stack.target()).seedAndReplicate(schemas());
            // As START_REPLICATION leaves it: a replica is read-only until a flip makes it writable, so that
            // exactly one server takes application writes before the first flip (the fence facts check it).
            try (Connection admin = stack.target().connect(stack.accounts().admin()); Statement sql = admin.createStatement()) {
                sql.execute("SET GLOBAL read_only = 1");
            }
        }
        workload.start();
        awaitCondition(() -> workload.report().acknowledgedCount() > 0, Duration.ofSeconds(30), "no write acknowledged");
    }

    /**
     * Posts a flip plan from {@code from} to {@code to} and follows it to its end, with the writable-overlap
     * watch running from submission (or, when the plan has a prepare phase, from the moment START_REPLICATION
     * succeeded: before it the empty target takes writes, as it should); then measures.
     */
    public FlipOutcome flip(String from, String to, String order, String syncTimeout, Consumer<JsonNode> onChange)
            throws SQLException {
        Map<String, Object> plan = plan(from, to, order, syncTimeout, server(from), server(to));
        boolean preparing = plan.containsKey("prepare");
        WritableMastersWatch watch = preparing ? null : startWatch();
        JsonNode submitted = planner.submit(Json.toJson(plan));
        return follow(submitted, watch, onChange);
    }

    /**
     * Starts the writable-overlap watch as the applications of this scenario's read-only strategy connect:
     * through the RDS emulator's application endpoints under {@code security-group-swap}, else directly.
     */
    public WritableMastersWatch startWatch() {
        return WritableMastersWatch.start(stack, applicationAddresses());
    }

    /** The flip plan {@link #flip} posts, as JSON, for operators' tools that submit it themselves. */
    public String planDocument(String from, String to, String order, String syncTimeout) {
        return Json.toJson(plan(from, to, order, syncTimeout, server(from), server(to)));
    }

    /** Follows a plan submitted by someone else (the CLI, the dashboard) to its end; then measures. */
    public FlipOutcome followSubmitted(String planId, Consumer<JsonNode> onChange) throws SQLException {
        return follow(planner.get(planId), null, onChange);
    }

    /**
     * Follows a plan submitted by someone else to its end with {@code watch} (started before the plan was
     * submitted), which this closes; then measures.
     */
    public FlipOutcome followSubmitted(String planId, WritableMastersWatch watch, Consumer<JsonNode> onChange)
            throws SQLException {
        return follow(planner.get(planId), watch, onChange);
    }

    /** Asks the planner to flip the completed plan {@code planId} back and follows the new plan to its end. */
    public FlipOutcome flipBack(String planId, Consumer<JsonNode> onChange) throws SQLException {
        WritableMastersWatch watch = startWatch();
        return follow(planner.flipBack(planId), watch, onChange);
    }

    private FlipOutcome follow(JsonNode submitted, WritableMastersWatch watch, Consumer<JsonNode> onChange)
            throws SQLException {
        DatabaseServer oldMaster = server(submitted.path("source").asText());
        DatabaseServer newMaster = server(submitted.path("target").asText());
        WritableMastersWatch[] watching = {watch};
        try {
            JsonNode end = planner.awaitEnd(submitted.path("id").asText(), PLAN_TIMEOUT, view -> {
                if (watching[0] == null && step(view, "START_REPLICATION", s -> "SUCCEEDED".equals(s.path("state").asText()))
                        .isPresent()) {
                    watching[0] = startWatch();
                }
                onChange.accept(view);
            });
            Instant endedAt = Instant.parse(end.path("finishedAt").asText());
            boolean completed = "COMPLETED".equals(end.path("status").asText());
            DatabaseServer master = completed ? newMaster : oldMaster;
            awaitCondition(() -> !workload.report().acksOn(addresses.of(master), endedAt).isEmpty(), SETTLE,
                    "no write acknowledged by " + master.host() + " (at " + addresses.of(master) + ") after the plan ended");
            closeWatch(watching[0]);
            return measure(end, oldMaster, newMaster, master, endedAt, watching[0]);
        } finally {
            closeWatch(watching[0]);
        }
    }

    private static void closeWatch(WritableMastersWatch watch) {
        if (watch != null) {
            try {
                watch.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private FlipOutcome measure(JsonNode plan, DatabaseServer oldMaster, DatabaseServer target, DatabaseServer master,
            Instant endedAt, WritableMastersWatch watch) throws SQLException {
        WorkloadReport report = workload.report();
        // Measured fence facts: what the servers say now, never what the plan reports.
        Map<String, ServerState> servers = ServerState.readBoth(stack);
        String measuredMaster = ServerState.onlyWritable(servers);
        boolean completed = "COMPLETED".equals(plan.path("status").asText());
        BinlogCensus.Result census = completed
                ? BinlogCensus.of(oldMaster, stack.accounts().admin(), fencePosition(plan, oldMaster))
                : BinlogCensus.Result.unknown(null, "the plan did not complete (" + plan.path("status").asText() + ")");
        DatabaseServer comparedMaster = measuredMaster == null ? master : server(measuredMaster.equals(stack.source().host())
                ? "source" : "target");
        DatabaseServer comparedReplica = comparedMaster == stack.source() ? stack.target() : stack.source();
        RowComparison.Result compared = RowComparison.compare(comparedMaster, comparedReplica, stack.accounts().admin(), schemas());

        Optional<Instant> readOnlyFact = factInstant(plan, "READ_ONLY", oldMaster);
        Instant readOnlyConfirmed = readOnlyFact.orElse(endedAt);
        // Acknowledgements name the address the application reached the server at (an endpoint, perhaps).
        String masterAddress = addresses.of(master);
        String oldMasterAddress = addresses.of(oldMaster);
        Instant blockEnds = report.acksOn(masterAddress, endedAt).stream().map(Ack::acknowledgedAt).min(Instant::compareTo)
                .orElse(endedAt);
        Instant rollbackAt = plan.path("rollback").isMissingNode() || plan.path("rollback").isNull() ? Instant.MAX
                : Instant.parse(plan.path("rollback").path("scheduledAt").asText());
        // Unknown (null) without A's confirmed READ_ONLY: no fallback to the plan's end.
        Long onOldAfterReadOnly = readOnlyFact.map(fenced -> report.acks().stream().filter(ack -> ack.server().equals(oldMasterAddress)
                && ack.sentAt().isAfter(fenced) && ack.acknowledgedAt().isBefore(rollbackAt)).count()).orElse(null);
        Optional<Instant> writable = factInstant(plan, "WRITABLE", null);
        long lost;
        long rows;
        try (Connection onMaster = master.connect(stack.accounts().admin());
                Connection onTarget = target.connect(stack.accounts().admin())) {
            lost = LostWrites.count(onMaster, master.host(), report);
            rows = countRows(onTarget);
        }
        return new FlipOutcome(plan.path("id").asText(), plan.path("order").asText(), plan.path("status").asText(),
                plan.path("reason").isNull() ? null : plan.path("reason").asText(), oldMaster.host(), measuredMaster,
                ServerState.writable(servers), servers, lost, onOldAfterReadOnly, census.count(), census,
                watch == null ? null : watch.overlapMs(), watch == null ? null : watch.attemptsByServer(),
                watch == null ? null : watch.violations(), compared.rowDiffs(), compared,
                report.longestGapBetweenAcks(stepTime(plan, "READ_ONLY").orElse(readOnlyConfirmed), blockEnds).toMillis(),
                writable.map(w -> FlipOutcome.millis(Duration.between(readOnlyConfirmed, w))).orElse(null),
                maxFact(plan, java.util.Set.of("SWITCH_DNS", "FLIP_BACK"), StepParams.FACT_INSYNC_MS), report.acknowledgedCount(), report.errorCount(), rows,
                report.acksOn(masterAddress, endedAt).size(), dnsAnswers(), dnsRecordAnswers(), stepDurations(plan),
                perApplication(report, stepTime(plan, "READ_ONLY").orElse(readOnlyConfirmed), masterAddress,
                        completed ? writable : Optional.empty(), completed ? writable
                                : Optional.of(rollbackAt).filter(at -> !at.equals(Instant.MAX)), endedAt));
    }

    /** What each application saw of the flip, with what its client library held since the last flip measured. */
    private Map<String, ApplicationFlip> perApplication(WorkloadReport report, Instant fenceStart, String masterAddress,
            Optional<Instant> writable, Optional<Instant> reopened, Instant endedAt) {
        Map<String, ApplicationFlip> figures = new LinkedHashMap<>();
        for (String application : applications) {
            Long held = following.heldStatements(application);
            Long before = heldBefore.put(application, held == null ? 0L : held);
            figures.put(application, ApplicationFlip.of(report, application, following.follows(application),
                    held == null ? null : held - (before == null ? 0L : before), fenceStart, masterAddress, writable,
                    reopened, endedAt.plus(SETTLE)));
        }
        return figures;
    }

    /**
     * The workload's end: what it did over the whole run and whether every acknowledged write is on
     * {@code master}.
     *
     * @param acknowledgedWrites       inserts acknowledged over the whole run
     * @param writeErrors              inserts refused or failed over the whole run
     * @param lostWrites               acknowledged inserts missing on the master at the end
     * @param acksOnMasterByApplication per application, inserts the master acknowledged after the given instant
     * @param perApplication           per application, the whole run reconciled with the master's rows
     *                                 (acknowledged, failed before commit, in doubt and how each ended, lost writes,
     *                                 the transfers' invariant, its own write-blocked time, client errors)
     */
    public record WorkloadEnd(long acknowledgedWrites, long writeErrors, long lostWrites,
            Map<String, Long> acksOnMasterByApplication, Map<String, WorkloadReconciliation.ApplicationFigures> perApplication) {
    }

    /**
     * Stops the workload (it ran since {@link #prepare}) and checks the whole run against {@code master},
     * counting each application's writes that master acknowledged after {@code since}.
     */
    public WorkloadEnd endWorkload(DatabaseServer master, Instant since) throws SQLException {
        workload.stop();
        WorkloadReport report = workload.report();
        Map<String, Long> acks = new LinkedHashMap<>();
        applications.forEach(application -> acks.put(application, 0L));
        report.acksOn(addresses.of(master), since).forEach(ack -> acks.merge(ack.application(), 1L, Long::sum));
        try (Connection onMaster = master.connect(stack.accounts().admin())) {
            return new WorkloadEnd(report.acknowledgedCount(), report.errorCount(),
                    AcknowledgedWritesCheck.missing(onMaster, report).size(), acks,
                    WorkloadReconciliation.reconcile(onMaster, report));
        }
    }

    /** What the client library of {@code application} did so far; empty when it follows DNS only. */
    public Optional<io.handoff.client.Stats> clientStats(String application) {
        return following.stats(application);
    }

    /** The workload so far. */
    public WorkloadReport report() {
        return workload.report();
    }

    public static String schema(String application) {
        return "shop_" + application.replaceAll("[^A-Za-z0-9]", "_");
    }

    /** The local stack's server of {@code cluster} ({@code source} or {@code target}). */
    public DatabaseServer server(String cluster) {
        return switch (cluster) {
            case "source" -> stack.source();
            case "target" -> stack.target();
            default -> throw new IllegalArgumentException("the local stack has clusters source and target, not " + cluster);
        };
    }

    private Map<String, Object> plan(String from, String to, String order, String syncTimeout, DatabaseServer oldMaster,
            DatabaseServer newMaster) {
        List<Map<String, Object>> apps = new ArrayList<>();
        for (String application : applications) {
            apps.add(Map.of("name", application, "port", applicationAddresses().port(), "records", zones.stream()
                    .map(zone -> Map.of("zone", zone.name(), "name", databaseName(application, zone.name()), "type", "A",
                            "ttl", 1, "source", applicationAddresses().of(oldMaster),
                            "target", applicationAddresses().of(newMaster))).toList()));
        }
        Map<String, Object> plan = new LinkedHashMap<>(Map.of("name", from + "-to-" + to + "-" + order, "source", from,
                "target", to,
                "flip", Map.of("order", order, "readOnly", readOnlyStrategy, "kill", "kill", "exemptUsers", List.of("auth"),
                        "syncTimeout", syncTimeout, "maxTtlSeconds", 60, "lowerTtl", true),
                "applications", apps));
        if (maxLagMs != null) {
            plan.put("gates", prepareByPlan == null ? Map.of("maxLagMs", maxLagMs)
                    : Map.of("maxLagMs", maxLagMs, "caughtUpFor", "3s"));
        }
        if (prepareByPlan != null && from.equals("source")) {
            plan.put("phases", List.of("prepare", "flip"));
            plan.put("prepare", Map.of("schemas", schemas(), "retainBinlog", "7d", "seed", Map.of("method", prepareByPlan),
                    "verify", true));
            prepareByPlan = null; // the target is seeded and replicating from now on
        }
        return plan;
    }

    /** What DNS answers for the name each application resolves, by application. */
    private Map<String, String> dnsAnswers() {
        Map<String, String> answers = new LinkedHashMap<>();
        for (String application : applications) {
            answers.put(application, lookUpA(resolvedName(application)));
        }
        return answers;
    }

    /** What DNS answers for every record of every application, by record name (applications, then zones, in order). */
    public Map<String, String> dnsRecordAnswers() {
        Map<String, String> answers = new LinkedHashMap<>();
        for (String application : applications) {
            for (String name : databaseNames(application)) {
                answers.put(name, lookUpA(name));
            }
        }
        return answers;
    }

    /** The address the emulator's DNS server answers for {@code name} right now (no cache), or the lookup's error. */
    private String lookUpA(String name) {
        try {
            SimpleResolver resolver = new SimpleResolver(stack.route53().dnsAddress());
            resolver.setTCP(false);
            resolver.setTimeout(Duration.ofSeconds(2));
            Lookup lookup = new Lookup(name, Type.A);
            lookup.setResolver(resolver);
            lookup.setCache(null);
            Record[] records = lookup.run();
            return records == null || records.length == 0 ? lookup.getErrorString()
                    : ((ARecord) records[0]).getAddress().getHostAddress();
        } catch (IOException e) {
            throw new IllegalStateException("DNS query failed: " + e.getMessage(), e);
        }
    }

    private long countRows(Connection connection) throws SQLException {
        long rows = 0;
        try (Statement statement = connection.createStatement()) {
            for (String application : applications) {
                try (ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM " + WritesTable.qualifiedName(schema(application)))) {
                    count.next();
                    rows += count.getLong(1);
                } catch (SQLException e) {
                    // A plan that failed before its seed left the target without the table (MariaDB) or the schema
                    // (MySQL): no rows, and the outcome still reports the plan's own status and reason.
                    if (e.getErrorCode() != NO_SUCH_TABLE && e.getErrorCode() != UNKNOWN_DATABASE) {
                        throw e;
                    }
                }
            }
        }
        return rows;
    }

    private static Optional<JsonNode> step(JsonNode plan, String type, Predicate<JsonNode> filter) {
        for (JsonNode step : plan.path("steps")) {
            if (type.equals(step.path("type").asText()) && filter.test(step)) {
                return Optional.of(step);
            }
        }
        return Optional.empty();
    }

    /**
     * The old master's final GTID position at the fence: WAIT_SYNC's {@code position} fact (read from A once it
     * was read-only), else CAPTURE_POSITION's on the new master (which had applied all of A's); null when the
     * plan has neither.
     */
    private String fencePosition(JsonNode plan, DatabaseServer oldMaster) {
        return step(plan, "WAIT_SYNC", s -> "SUCCEEDED".equals(s.path("state").asText())
                        && server(s.path("params").path(StepParams.SOURCE_CLUSTER).asText()) == oldMaster)
                .or(() -> step(plan, "CAPTURE_POSITION", s -> "SUCCEEDED".equals(s.path("state").asText())
                        && server(s.path("params").path(StepParams.CLUSTER).asText()) != oldMaster))
                .map(s -> s.path("facts").path(StepParams.FACT_POSITION))
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText)
                .orElse(null);
    }

    /** The server-confirmed time of the first {@code type} step on {@code server} (any server when null). */
    private Optional<Instant> factInstant(JsonNode plan, String type, DatabaseServer server) {
        return step(plan, type, s -> "SUCCEEDED".equals(s.path("state").asText())
                        && (server == null || server(s.path("params").path("cluster").asText()) == server))
                .map(s -> s.path("facts").path(StepParams.FACT_CONFIRMED_AT))
                .filter(JsonNode::isTextual)
                .map(node -> Instant.parse(node.asText()));
    }

    private static Optional<Instant> stepTime(JsonNode plan, String type) {
        return step(plan, type, s -> s.path("scheduledAt").isTextual()).map(s -> Instant.parse(s.path("scheduledAt").asText()));
    }

    private static Long maxFact(JsonNode plan, java.util.Set<String> types, String fact) {
        Long max = null;
        for (JsonNode step : plan.path("steps")) {
            if (types.contains(step.path("type").asText()) && step.path("facts").path(fact).isNumber()) {
                max = Math.max(max == null ? 0 : max, step.path("facts").path(fact).asLong());
            }
        }
        return max;
    }

    private static Map<String, Long> stepDurations(JsonNode plan) {
        Map<String, Long> durations = new LinkedHashMap<>();
        for (JsonNode step : plan.path("steps")) {
            if (step.path("durationMs").isNumber()) {
                durations.put(step.path("stepId").asText(), step.path("durationMs").asLong());
            }
        }
        if (plan.path("rollback").path("durationMs").isNumber()) {
            durations.put("rollback", plan.path("rollback").path("durationMs").asLong());
        }
        return durations;
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition, Duration timeout, String failure) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(failure + " within " + timeout);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        if (workload != null) {
            workload.close();
        }
        following.close();
    }
}
