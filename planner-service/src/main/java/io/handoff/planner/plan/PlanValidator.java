package io.handoff.planner.plan;

import io.handoff.common.sql.SystemSchemas;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a {@link PlanRequest} completely and either returns the {@link FlipPlan} or throws
 * {@link InvalidPlanException} naming every wrong field (all of them, not the first). Pure: no I/O,
 * nothing sent. A section of a phase the plan does not run is a finding too: it would do nothing. So is a value
 * that no run could use or that no DNS, SQL or Kafka layer should see: names are spelled as {@link PlanNames}
 * and {@link DnsRecordRules} say, positions as {@link SeedPosition} says, and every number and duration is
 * bounded. Never throws anything else, whatever the request holds.
 */
public final class PlanValidator {
    static final Duration DEFAULT_SYNC_TIMEOUT = Duration.ofSeconds(30);
    static final Duration MAX_SYNC_TIMEOUT = Duration.ofHours(1);
    static final Duration DEFAULT_LAG_WAIT = Duration.ofMinutes(5);
    static final Duration MAX_LAG_WAIT = Duration.ofHours(24);
    /** The largest lag a gate may allow: one hour. */
    static final int MAX_LAG_MS = 3_600_000;
    static final int MAX_TTL = 172_800;
    static final Duration DEFAULT_RETAIN_BINLOG = Duration.ofDays(7);
    static final Duration MIN_RETAIN_BINLOG = Duration.ofHours(1);
    static final Duration MAX_RETAIN_BINLOG = Duration.ofDays(90);
    static final Duration DEFAULT_CAUGHT_UP_FOR = Duration.ofSeconds(30);
    static final Duration MAX_CAUGHT_UP_FOR = Duration.ofHours(24);
    static final Duration DEFAULT_CAUGHT_UP_TIMEOUT = Duration.ofHours(1);
    static final Duration MAX_CAUGHT_UP_TIMEOUT = Duration.ofDays(7);
    static final Duration MAX_HEALTH_CHECK_TIMEOUT = Duration.ofHours(1);
    private static final int MAX_URL = 2048;
    static final int MAX_APPLICATIONS = 100;
    static final int MAX_RECORDS = 20;
    static final int MAX_EXEMPT_USERS = 100;
    static final int MAX_TABLES = 1000;
    private static final Set<String> RECORD_TYPES = Set.of("A", "CNAME");
    /** Approval gates a plan may ask for; {@code flip}: READ_ONLY waits for it. */
    public static final Set<String> APPROVAL_GATES = Set.of(StepGate.FLIP_APPROVAL);

    private final Set<String> knownClusters;

    public PlanValidator(Set<String> knownClusters) {
        this.knownClusters = Set.copyOf(knownClusters);
    }

    public FlipPlan validate(PlanRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request == null) {
            throw new InvalidPlanException(List.of(new FieldError("(body)", "a plan is required")));
        }
        String name = PlanNames.name(errors, "name", required(errors, "name", request.name()));
        String source = cluster(errors, "source", request.source());
        String target = cluster(errors, "target", request.target());
        if (source != null && source.equals(target)) {
            errors.add(new FieldError("target", "must differ from source ('" + source + "')"));
        }
        List<Phase> phases = phases(errors, request.phases(), request.prepare() != null,
                request.flip() != null || (request.applications() != null && !request.applications().isEmpty()));
        boolean prepares = phases.contains(Phase.PREPARE);
        boolean flips = phases.contains(Phase.FLIP);
        if (phases.contains(Phase.AFTER) && !flips) {
            errors.add(new FieldError("phases", "the after phase (point of no return, DECOMMISSION) follows a flip: add flip"
                    + " to phases"));
        }
        if (!flips && request.flip() != null) {
            errors.add(new FieldError("flip", "the plan has no flip phase (phases " + labels(phases) + "): leave it out"));
        }
        PlanRequest.Flip flip = request.flip() == null ? new PlanRequest.Flip(null, null, null, null, null, null, null)
                : request.flip();
        FlipOrder order = order(errors, flip.order());
        PlanRequest.Strategies strategies = strategies(errors, request.prepare(), flips, flip);
        String readOnly = oneOf(errors, strategies == null ? "flip.readOnly" : "prepare.strategies.readOnly",
                strategies == null ? flip.readOnly() : strategies.readOnly(), FlipPlan.READ_ONLY_STRATEGIES);
        String kill = oneOf(errors, strategies == null ? "flip.kill" : "prepare.strategies.kill",
                strategies == null ? flip.kill() : strategies.kill(), FlipPlan.KILL_STRATEGIES);
        List<String> exempt = exemptUsers(errors, flip.exemptUsers());
        Duration syncTimeout = syncTimeout(errors, flip.syncTimeout());
        Duration healthCheckTimeout = duration(errors, "flip.healthCheckTimeout", flip.healthCheckTimeout(),
                FlipPlan.DEFAULT_HEALTH_CHECK_TIMEOUT, MAX_HEALTH_CHECK_TIMEOUT);
        PlanRequest.Gates gates = request.gates() == null ? new PlanRequest.Gates(null, null) : request.gates();
        FlipPlan.LagGate lagGate = flips ? lagGate(errors, gates) : null;
        if (!flips && gates.lagWaitTimeout() != null) {
            errors.add(new FieldError("gates.lagWaitTimeout", "the lag gate before READ_ONLY belongs to the flip, which this"
                    + " plan does not run"));
        }
        FlipPlan.CaughtUp caughtUp = caughtUp(errors, gates, prepares);
        FlipPlan.Prepare prepare = prepare(errors, request.prepare(), prepares, phases);
        List<String> allowDriftIn = allowDriftIn(errors, gates.allowDriftIn(), prepare, prepares);
        FlipPlan.Window window = window(errors, flip.window());
        List<String> approvals = approvals(errors, request.approvals());
        if (!flips && approvals.contains(StepGate.FLIP_APPROVAL)) {
            errors.add(new FieldError("approvals", "'" + StepGate.FLIP_APPROVAL + "' gates the flip, which this plan does not run"));
        }
        List<FlipPlan.Application> applications = List.of();
        if (flips) {
            applications = applications(errors, request.applications());
        } else if (request.applications() != null && !request.applications().isEmpty()) {
            errors.add(new FieldError("applications", "the plan has no flip phase, so no DNS switches: leave them out"));
        }
        if (flip.maxTtlSeconds() != null && (flip.maxTtlSeconds() < 0 || flip.maxTtlSeconds() > MAX_TTL)) {
            errors.add(new FieldError("flip.maxTtlSeconds",
                    "must be between 0 and " + MAX_TTL + " seconds, got " + flip.maxTtlSeconds()));
        }
        boolean lowerTtl = Boolean.TRUE.equals(flip.lowerTtl());
        if (lowerTtl && !flips) {
            errors.add(new FieldError("flip.lowerTtl", "the plan has no flip phase, so no records to lower the TTL of"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidPlanException(errors);
        }
        return new FlipPlan(name, source, target, order, readOnly, kill, exempt, syncTimeout, lagGate, window, approvals,
                flip.maxTtlSeconds(), applications, phases, prepare, caughtUp, allowDriftIn, Boolean.TRUE.equals(flip.snapshot()),
                healthCheckTimeout, request.replication() == null ? null : request.replication().ssl(), lowerTtl);
    }

    /**
     * The phases in order: given, or the prepare phase and the flip when a prepare section is given,
     * otherwise the flip only. Unknown, repeated, out-of-order or no phases are named; the plan's other
     * fields are then checked as if it ran every phase it names or has a section for, so that one
     * mistake is not reported again as others.
     */
    private static List<Phase> phases(List<FieldError> errors, List<String> given, boolean prepareSection,
            boolean flipSections) {
        if (given == null) {
            return prepareSection ? List.of(Phase.PREPARE, Phase.FLIP) : List.of(Phase.FLIP);
        }
        int before = errors.size();
        if (given.isEmpty()) {
            errors.add(new FieldError("phases", "must name at least one phase: prepare, flip, after"));
        }
        List<Phase> named = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            Optional<Phase> phase = Phase.parse(given.get(i));
            if (phase.isEmpty()) {
                errors.add(new FieldError("phases[" + i + "]", "unknown phase " + PlanNames.shown(given.get(i))
                        + "; phases: prepare, flip, after"));
            } else if (named.contains(phase.get())) {
                errors.add(new FieldError("phases[" + i + "]", "phase " + PlanNames.shown(given.get(i)) + " is given twice"));
            } else {
                if (!named.isEmpty() && named.get(named.size() - 1).compareTo(phase.get()) > 0) {
                    errors.add(new FieldError("phases[" + i + "]", "phases run in the order prepare, flip, after; '" + given.get(i)
                            + "' comes after " + labels(named)));
                }
                named.add(phase.get());
            }
        }
        if (errors.size() > before && prepareSection && !named.contains(Phase.PREPARE)) {
            named.add(Phase.PREPARE);
        }
        if (errors.size() > before && flipSections && !named.contains(Phase.FLIP)) {
            named.add(Phase.FLIP);
        }
        if (named.isEmpty()) {
            named.add(Phase.FLIP);
        }
        return named.stream().sorted().toList();
    }

    private static List<String> labels(List<Phase> phases) {
        return phases.stream().map(Phase::label).toList();
    }

    /**
     * The strategies PRECHECK checks when they are not the flip's: {@code prepare.strategies}, only in a
     * plan without a flip phase (a flipping plan checks what its flip uses); null to use the flip's.
     */
    private static PlanRequest.Strategies strategies(List<FieldError> errors, PlanRequest.Prepare prepare, boolean flips,
            PlanRequest.Flip flip) {
        if (prepare == null || prepare.strategies() == null) {
            return null;
        }
        if (flips) {
            errors.add(new FieldError("prepare.strategies", "a plan with a flip phase checks the flip's strategies"
                    + " (flip.readOnly, flip.kill): leave this out"));
            return null;
        }
        return prepare.strategies();
    }

    /** WAIT_CAUGHT_UP's gate, from {@code gates}; only with the prepare phase, which needs {@code maxLagMs}. */
    private static FlipPlan.CaughtUp caughtUp(List<FieldError> errors, PlanRequest.Gates gates, boolean prepares) {
        if (!prepares) {
            for (String[] field : new String[][] {{"gates.caughtUpFor", gates.caughtUpFor()},
                    {"gates.caughtUpTimeout", gates.caughtUpTimeout()}}) {
                if (field[1] != null) {
                    errors.add(new FieldError(field[0], "WAIT_CAUGHT_UP belongs to the prepare phase, which this plan does not run"));
                }
            }
            return null;
        }
        if (gates.maxLagMs() == null) {
            errors.add(new FieldError("gates.maxLagMs", "is required with the prepare phase: WAIT_CAUGHT_UP waits until the"
                    + " replication lag stays at most this many ms"));
        } else {
            maxLagMs(errors, gates.maxLagMs());
        }
        Duration holdFor = duration(errors, "gates.caughtUpFor", gates.caughtUpFor(), DEFAULT_CAUGHT_UP_FOR, MAX_CAUGHT_UP_FOR);
        Duration timeout = duration(errors, "gates.caughtUpTimeout", gates.caughtUpTimeout(), DEFAULT_CAUGHT_UP_TIMEOUT,
                MAX_CAUGHT_UP_TIMEOUT);
        if (holdFor != null && timeout != null && holdFor.compareTo(timeout) >= 0) {
            errors.add(new FieldError("gates.caughtUpTimeout", "must be longer than gates.caughtUpFor ("
                    + DurationText.format(holdFor) + "), got " + DurationText.format(timeout)));
        }
        return new FlipPlan.CaughtUp(gates.maxLagMs() == null ? 0 : gates.maxLagMs(), holdFor, timeout);
    }

    /** Names {@code maxLagMs} unless it is from 1 to {@link #MAX_LAG_MS}; once, though both gates read it. */
    private static void maxLagMs(List<FieldError> errors, int value) {
        FieldError error = new FieldError("gates.maxLagMs", "must be positive and at most " + MAX_LAG_MS + " (1h), got " + value);
        if ((value <= 0 || value > MAX_LAG_MS) && !errors.contains(error)) {
            errors.add(error);
        }
    }

    /** A positive duration of at most {@code max}, or {@code fallback} when absent; null (and named) when wrong. */
    private static Duration duration(List<FieldError> errors, String field, String value, Duration fallback, Duration max) {
        if (value == null) {
            return fallback;
        }
        Optional<Duration> parsed = DurationText.parse(value);
        if (parsed.isEmpty()) {
            errors.add(new FieldError(field, "must be a duration such as 30s, 5m, 1h, 7d or PT30S (at most "
                    + DurationText.format(max) + "), got " + PlanNames.shown(value)));
            return null;
        }
        if (parsed.get().isNegative() || parsed.get().isZero() || parsed.get().compareTo(max) > 0) {
            errors.add(new FieldError(field, "must be positive and at most " + DurationText.format(max) + ", got "
                    + PlanNames.shown(value)));
            return null;
        }
        return parsed.get();
    }

    private static FlipPlan.Prepare prepare(List<FieldError> errors, PlanRequest.Prepare prepare, boolean prepares,
            List<Phase> phases) {
        if (!prepares) {
            if (prepare != null) {
                errors.add(new FieldError("prepare", "the plan has no prepare phase (phases " + labels(phases)
                        + "): add prepare to phases or leave this out"));
            }
            return null;
        }
        if (prepare == null) {
            errors.add(new FieldError("prepare", "is required with the prepare phase: at least prepare.seed.method"));
            return null;
        }
        List<String> schemas = schemas(errors, prepare.schemas());
        Duration retain = prepare.retainBinlog() == null ? DEFAULT_RETAIN_BINLOG
                : DurationText.parse(prepare.retainBinlog()).orElse(null);
        if (retain == null) {
            errors.add(new FieldError("prepare.retainBinlog", "must be a duration such as 24h or 7d, got "
                    + PlanNames.shown(prepare.retainBinlog())));
        } else if (retain.compareTo(MIN_RETAIN_BINLOG) < 0 || retain.compareTo(MAX_RETAIN_BINLOG) > 0) {
            errors.add(new FieldError("prepare.retainBinlog", "must be from " + DurationText.format(MIN_RETAIN_BINLOG) + " to "
                    + DurationText.format(MAX_RETAIN_BINLOG) + ", got " + PlanNames.shown(prepare.retainBinlog())));
            retain = null;
        }
        FlipPlan.Seed seed = seed(errors, prepare.seed(), schemas);
        return new FlipPlan.Prepare(schemas, retain, seed, !Boolean.FALSE.equals(prepare.verify()));
    }

    private static List<String> schemas(List<FieldError> errors, List<String> schemas) {
        if (schemas == null) {
            return List.of();
        }
        if (schemas.isEmpty()) {
            errors.add(new FieldError("prepare.schemas", "must name at least one schema, or be left out for every"
                    + " application schema"));
        }
        if (tooMany(errors, "prepare.schemas", schemas, MAX_TABLES)) {
            return List.of();
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < schemas.size(); i++) {
            String field = "prepare.schemas[" + i + "]";
            String schema = PlanNames.identifier(errors, field, required(errors, field, schemas.get(i)));
            if (schema == null) {
                continue;
            }
            if (SystemSchemas.contains(schema)) {
                errors.add(new FieldError(field, "'" + schema + "' is a system schema; name application schemas only"));
            } else if (!seen.add(schema)) {
                errors.add(new FieldError(field, "schema '" + schema + "' is given twice"));
            }
        }
        return schemas.stream().filter(schema -> schema != null && !schema.isBlank()).map(String::trim).distinct().toList();
    }

    private static FlipPlan.Seed seed(List<FieldError> errors, PlanRequest.Seed seed, List<String> schemas) {
        if (seed == null) {
            errors.add(new FieldError("prepare.seed", "is required: {\"method\": one of " + FlipPlan.Seed.METHODS + "}"));
            return null;
        }
        String method = seed.method() == null || seed.method().isBlank() ? FlipPlan.Seed.DEFAULT_METHOD : seed.method().trim();
        if (!FlipPlan.Seed.METHODS.contains(method)) {
            errors.add(new FieldError("prepare.seed.method", "must be one of " + FlipPlan.Seed.METHODS + ", got "
                    + PlanNames.shown(method)));
            return null;
        }
        if (!"xtrabackup".equals(method) && seed.logLine() != null) {
            errors.add(new FieldError("prepare.seed.logLine", "only a seed by xtrabackup reads a backup's log line"));
        }
        if (!"external".equals(method) && seed.position() != null) {
            errors.add(new FieldError("prepare.seed.position", "only an external seed takes a position; " + method
                    + " finds its own"));
        }
        switch (method) {
            case "parallel", "mysqldump" -> {
                if (schemas.isEmpty()) {
                    errors.add(new FieldError("prepare.schemas", "a seed by " + method + " copies the schemas named here: name them"));
                }
            }
            case "xtrabackup" -> {
                if (seed.logLine() == null || seed.logLine().isBlank()) {
                    errors.add(new FieldError("prepare.seed.logLine", "is required by xtrabackup: the backup's line 'MySQL"
                            + " binlog position: filename ..., position ...' or its binlog info file"));
                } else {
                    SeedPosition.logLineProblem(seed.logLine()).ifPresent(problem -> errors.add(
                            new FieldError("prepare.seed.logLine", "not a backup's coordinates: " + problem)));
                }
            }
            default -> {
                if (seed.position() == null || seed.position().isBlank()) {
                    errors.add(new FieldError("prepare.seed.position", "is required by an external seed: the GTID set or"
                            + " file:position the target was seeded at (auto when it already replicates)"));
                } else {
                    SeedPosition.positionProblem(seed.position()).ifPresent(problem -> errors.add(
                            new FieldError("prepare.seed.position", "not a replication position: " + problem)));
                }
            }
        }
        return new FlipPlan.Seed(method, seed.logLine(), seed.position() == null ? null : seed.position().trim());
    }

    /** Tables ({@code schema.table}) where VERIFY may find drift; only with a VERIFY, and within its schemas. */
    private static List<String> allowDriftIn(List<FieldError> errors, List<String> tables, FlipPlan.Prepare prepare,
            boolean prepares) {
        if (tables == null) {
            return List.of();
        }
        if (!prepares || (prepare != null && !prepare.verify())) {
            errors.add(new FieldError("gates.allowDriftIn", "only VERIFY (prepare phase, prepare.verify not false) reads it"));
            return List.of();
        }
        if (tooMany(errors, "gates.allowDriftIn", tables, MAX_TABLES)) {
            return List.of();
        }
        for (int i = 0; i < tables.size(); i++) {
            String field = "gates.allowDriftIn[" + i + "]";
            String table = tables.get(i) == null ? null : tables.get(i).trim();
            if (table == null || !PlanNames.TABLE.matcher(table).matches()) {
                errors.add(new FieldError(field, "must be schema.table, each 1 to 64 letters, digits, '_' or '$', got "
                        + PlanNames.shown(tables.get(i))));
            } else if (prepare != null && !prepare.schemas().isEmpty()
                    && !prepare.schemas().contains(table.substring(0, table.indexOf('.')))) {
                errors.add(new FieldError(field, "'" + table + "' is not in the schemas VERIFY compares " + prepare.schemas()));
            }
        }
        return tables.stream().filter(table -> table != null && PlanNames.TABLE.matcher(table.trim()).matches()).map(String::trim)
                .distinct().toList();
    }

    private String cluster(List<FieldError> errors, String field, String value) {
        String name = required(errors, field, value);
        if (name != null && !knownClusters.contains(name)) {
            errors.add(new FieldError(field, "unknown cluster " + PlanNames.shown(name) + "; known clusters: "
                    + knownClusters.stream().sorted().toList()));
            return null;
        }
        return name;
    }

    private static FlipOrder order(List<FieldError> errors, String value) {
        if (value == null) {
            return FlipOrder.WRITABLE_FIRST;
        }
        Optional<FlipOrder> order = FlipOrder.parse(value);
        if (order.isEmpty()) {
            errors.add(new FieldError("flip.order", "must be writable-first or dns-first, got " + PlanNames.shown(value)));
        }
        return order.orElse(null);
    }

    /** {@code value}, or the first of {@code allowed} when absent; an unknown value is named. */
    private static String oneOf(List<FieldError> errors, String field, String value, List<String> allowed) {
        if (value == null) {
            return allowed.get(0);
        }
        if (!allowed.contains(value.trim())) {
            errors.add(new FieldError(field, "must be one of " + allowed + ", got " + PlanNames.shown(value)));
            return null;
        }
        return value.trim();
    }

    private static List<String> exemptUsers(List<FieldError> errors, List<String> users) {
        if (users == null || tooMany(errors, "flip.exemptUsers", users, MAX_EXEMPT_USERS)) {
            return List.of();
        }
        for (int i = 0; i < users.size(); i++) {
            if (users.get(i) == null || users.get(i).isBlank()) {
                errors.add(new FieldError("flip.exemptUsers[" + i + "]", "must not be blank"));
            } else {
                PlanNames.account(errors, "flip.exemptUsers[" + i + "]", users.get(i));
            }
        }
        return users;
    }

    private static Duration syncTimeout(List<FieldError> errors, String value) {
        if (value == null) {
            return DEFAULT_SYNC_TIMEOUT;
        }
        Optional<Duration> timeout = DurationText.parse(value);
        if (timeout.isEmpty()) {
            errors.add(new FieldError("flip.syncTimeout", "must be a duration such as 30s, 500ms or PT30S, got "
                    + PlanNames.shown(value)));
        } else if (timeout.get().isNegative() || timeout.get().isZero() || timeout.get().compareTo(MAX_SYNC_TIMEOUT) > 0) {
            errors.add(new FieldError("flip.syncTimeout", "must be positive and at most 1h, got " + PlanNames.shown(value)));
        }
        return timeout.orElse(null);
    }

    private static FlipPlan.Window window(List<FieldError> errors, PlanRequest.Window window) {
        if (window == null) {
            return null;
        }
        Instant notBefore = instant(errors, "flip.window.notBefore", window.notBefore());
        Instant notAfter = instant(errors, "flip.window.notAfter", window.notAfter());
        if (notBefore != null && notAfter != null && !notAfter.isAfter(notBefore)) {
            errors.add(new FieldError("flip.window.notAfter", "must be after notBefore (" + notBefore + ")"));
        }
        return new FlipPlan.Window(notBefore, notAfter);
    }

    private static Instant instant(List<FieldError> errors, String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an ISO-8601 instant such as 2026-11-25T01:00:00Z, got "
                    + PlanNames.shown(value)));
            return null;
        }
    }

    private static List<String> approvals(List<FieldError> errors, List<String> approvals) {
        if (approvals == null) {
            return List.of();
        }
        for (int i = 0; i < approvals.size(); i++) {
            // Set.of(...).contains(null) throws: a null gate is named like any other unknown one.
            if (approvals.get(i) == null || !APPROVAL_GATES.contains(approvals.get(i))) {
                errors.add(new FieldError("approvals[" + i + "]", "unknown gate " + PlanNames.shown(approvals.get(i)) + "; gates: "
                        + APPROVAL_GATES));
            }
        }
        return approvals;
    }

    private static FlipPlan.LagGate lagGate(List<FieldError> errors, PlanRequest.Gates gates) {
        if (gates == null || gates.maxLagMs() == null) {
            return null;
        }
        maxLagMs(errors, gates.maxLagMs());
        Duration timeout = duration(errors, "gates.lagWaitTimeout", gates.lagWaitTimeout(), DEFAULT_LAG_WAIT, MAX_LAG_WAIT);
        return new FlipPlan.LagGate(gates.maxLagMs(), timeout == null ? DEFAULT_LAG_WAIT : timeout);
    }

    private static List<FlipPlan.Application> applications(List<FieldError> errors, List<PlanRequest.Application> apps) {
        if (apps == null || apps.isEmpty()) {
            errors.add(new FieldError("applications", "at least one application with its DNS records is required"));
            return List.of();
        }
        if (tooMany(errors, "applications", apps, MAX_APPLICATIONS)) {
            return List.of();
        }
        List<FlipPlan.Application> result = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Map<String, String> recordsSeen = new HashMap<>();
        for (int i = 0; i < apps.size(); i++) {
            String field = "applications[" + i + "]";
            PlanRequest.Application app = apps.get(i);
            if (app == null) {
                errors.add(new FieldError(field, "must not be null"));
                continue;
            }
            String name = PlanNames.name(errors, field + ".name", required(errors, field + ".name", app.name()));
            if (name != null && !names.add(name)) {
                errors.add(new FieldError(field + ".name", "application '" + name + "' is given twice"));
            }
            result.add(new FlipPlan.Application(name, records(errors, field + ".records", app.records(), recordsSeen), null,
                    healthCheck(errors, field + ".healthCheck", app.healthCheck()), port(errors, field + ".port", app.port())));
        }
        return result;
    }

    /** A TCP port, or null (the default) when absent; named when out of range. */
    private static Integer port(List<FieldError> errors, String field, Integer value) {
        if (value != null && (value < 1 || value > 65_535)) {
            errors.add(new FieldError(field, "must be a TCP port from 1 to 65535, got " + value));
            return null;
        }
        return value;
    }

    /** An absolute http or https URL with a host, or null when absent; named when it is not one. */
    private static String healthCheck(List<FieldError> errors, String field, String value) {
        if (value == null) {
            return null;
        }
        String url = value.trim();
        try {
            if (url.length() > MAX_URL) {
                throw new java.net.URISyntaxException(PlanNames.shown(url), "longer than " + MAX_URL + " characters");
            }
            java.net.URI uri = new java.net.URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.isAbsolute() && (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return url;
            }
        } catch (java.net.URISyntaxException e) {
            // named below
        }
        errors.add(new FieldError(field, "must be an absolute http or https URL of at most " + MAX_URL + " characters such as"
                + " http://storefront.internal/health, got " + PlanNames.shown(value)));
        return null;
    }

    /**
     * The records of one application; {@code seen} (zone and name, see {@link DnsRecordRules#key}, to the field that
     * gave it first) spans every application of the plan, since one record switched twice is a contradiction.
     */
    private static List<FlipPlan.DnsRecord> records(List<FieldError> errors, String field, List<PlanRequest.DnsRecord> records,
            Map<String, String> seen) {
        if (records == null || records.isEmpty()) {
            errors.add(new FieldError(field, "at least one DNS record is required"));
            return List.of();
        }
        if (tooMany(errors, field, records, MAX_RECORDS)) {
            return List.of();
        }
        List<FlipPlan.DnsRecord> result = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            String at = field + "[" + i + "]";
            PlanRequest.DnsRecord record = records.get(i);
            if (record == null) {
                errors.add(new FieldError(at, "must not be null"));
                continue;
            }
            String zone = DnsRecordRules.hostName(errors, at + ".zone", required(errors, at + ".zone", record.zone()));
            String name = DnsRecordRules.hostName(errors, at + ".name", required(errors, at + ".name", record.name()));
            String type = required(errors, at + ".type", record.type());
            if (type != null && !RECORD_TYPES.contains(type.toUpperCase(Locale.ROOT))) {
                errors.add(new FieldError(at + ".type", "must be A or CNAME, got " + PlanNames.shown(type)));
                type = null;
            }
            type = type == null ? null : type.toUpperCase(Locale.ROOT);
            DnsRecordRules.inZone(errors, at + ".name", name, zone, type);
            if (zone != null && name != null) {
                String first = seen.putIfAbsent(DnsRecordRules.key(zone, name), at);
                if (first != null) {
                    errors.add(new FieldError(at + ".name", "record '" + name + "' in zone '" + zone + "' is given twice (first at "
                            + first + ")"));
                }
            }
            if (record.ttl() == null || record.ttl() < 0 || record.ttl() > MAX_TTL) {
                errors.add(new FieldError(at + ".ttl", "must be between 0 and " + MAX_TTL + " seconds, got " + record.ttl()));
            }
            String sourceValue = DnsRecordRules.value(errors, at + ".source", type, required(errors, at + ".source", record.source()));
            String targetValue = DnsRecordRules.value(errors, at + ".target", type, required(errors, at + ".target", record.target()));
            if (sourceValue != null && sourceValue.equals(targetValue)) {
                errors.add(new FieldError(at + ".target", "must differ from source ('" + sourceValue + "')"));
            }
            result.add(new FlipPlan.DnsRecord(zone, name, type,
                    record.ttl() == null ? 0 : record.ttl(), sourceValue, targetValue));
        }
        return result;
    }

    /** Names a list longer than {@code max}, whose entries are then not checked one by one (nor each named). */
    private static boolean tooMany(List<FieldError> errors, String field, List<?> list, int max) {
        if (list.size() <= max) {
            return false;
        }
        errors.add(new FieldError(field, "at most " + max + " entries, got " + list.size()));
        return true;
    }

    /** {@code value} trimmed; null after naming it when it is missing, blank or holds a control character (NUL, CR, LF). */
    private static String required(List<FieldError> errors, String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError(field, "must not hold control characters (NUL, CR, LF, ...), got " + PlanNames.shown(value)));
            return null;
        }
        return value.trim();
    }
}
