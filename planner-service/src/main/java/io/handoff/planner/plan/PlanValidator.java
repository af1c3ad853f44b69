package io.handoff.planner.plan;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a {@link PlanRequest} completely and either returns the {@link FlipPlan} or throws
 * {@link InvalidPlanException} naming every wrong field. Pure: no I/O, nothing sent.
 */
public final class PlanValidator {
    static final Duration DEFAULT_SYNC_TIMEOUT = Duration.ofSeconds(30);
    static final Duration MAX_SYNC_TIMEOUT = Duration.ofHours(1);
    static final Duration DEFAULT_LAG_WAIT = Duration.ofMinutes(5);
    static final int MAX_TTL = 172_800;
    private static final Set<String> RECORD_TYPES = Set.of("A", "CNAME");
    /** Approval gates a plan may ask for; {@code flip}: READ_ONLY waits for it. */
    public static final Set<String> APPROVAL_GATES = Set.of(FlipGate.FLIP_APPROVAL);

    private final Set<String> knownClusters;

    public PlanValidator(Set<String> knownClusters) {
        this.knownClusters = Set.copyOf(knownClusters);
    }

    public FlipPlan validate(PlanRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request == null) {
            throw new InvalidPlanException(List.of(new FieldError("(body)", "a plan is required")));
        }
        String name = required(errors, "name", request.name());
        String source = cluster(errors, "source", request.source());
        String target = cluster(errors, "target", request.target());
        if (source != null && source.equals(target)) {
            errors.add(new FieldError("target", "must differ from source ('" + source + "')"));
        }
        PlanRequest.Flip flip = request.flip() == null ? new PlanRequest.Flip(null, null, null, null, null, null, null)
                : request.flip();
        FlipOrder order = order(errors, flip.order());
        String readOnly = oneOf(errors, "flip.readOnly", flip.readOnly(), FlipPlan.READ_ONLY_STRATEGIES);
        String kill = oneOf(errors, "flip.kill", flip.kill(), FlipPlan.KILL_STRATEGIES);
        List<String> exempt = exemptUsers(errors, flip.exemptUsers());
        Duration syncTimeout = syncTimeout(errors, flip.syncTimeout());
        FlipPlan.LagGate lagGate = lagGate(errors, request.gates());
        FlipPlan.Window window = window(errors, flip.window());
        List<String> approvals = approvals(errors, request.approvals());
        List<FlipPlan.Application> applications = applications(errors, request.applications());
        if (!errors.isEmpty()) {
            throw new InvalidPlanException(errors);
        }
        if (flip.maxTtlSeconds() != null && (flip.maxTtlSeconds() < 0 || flip.maxTtlSeconds() > MAX_TTL)) {
            throw new InvalidPlanException(List.of(new FieldError("flip.maxTtlSeconds",
                    "must be between 0 and " + MAX_TTL + " seconds, got " + flip.maxTtlSeconds())));
        }
        return new FlipPlan(name, source, target, order, readOnly, kill, exempt, syncTimeout, lagGate, window, approvals,
                flip.maxTtlSeconds(), applications);
    }

    private String cluster(List<FieldError> errors, String field, String value) {
        String name = required(errors, field, value);
        if (name != null && !knownClusters.contains(name)) {
            errors.add(new FieldError(field, "unknown cluster '" + name + "'; known clusters: "
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
            errors.add(new FieldError("flip.order", "must be writable-first or dns-first, got '" + value + "'"));
        }
        return order.orElse(null);
    }

    /** {@code value}, or the first of {@code allowed} when absent; an unknown value is named. */
    private static String oneOf(List<FieldError> errors, String field, String value, List<String> allowed) {
        if (value == null) {
            return allowed.get(0);
        }
        if (!allowed.contains(value.trim())) {
            errors.add(new FieldError(field, "must be one of " + allowed + ", got '" + value + "'"));
            return null;
        }
        return value.trim();
    }

    private static List<String> exemptUsers(List<FieldError> errors, List<String> users) {
        if (users == null) {
            return List.of();
        }
        for (int i = 0; i < users.size(); i++) {
            if (users.get(i) == null || users.get(i).isBlank()) {
                errors.add(new FieldError("flip.exemptUsers[" + i + "]", "must not be blank"));
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
            errors.add(new FieldError("flip.syncTimeout", "must be a duration such as 30s, 500ms or PT30S, got '" + value + "'"));
        } else if (timeout.get().isNegative() || timeout.get().isZero() || timeout.get().compareTo(MAX_SYNC_TIMEOUT) > 0) {
            errors.add(new FieldError("flip.syncTimeout", "must be positive and at most 1h, got '" + value + "'"));
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
            errors.add(new FieldError(field, "must be an ISO-8601 instant such as 2026-11-25T01:00:00Z, got '" + value + "'"));
            return null;
        }
    }

    private static List<String> approvals(List<FieldError> errors, List<String> approvals) {
        if (approvals == null) {
            return List.of();
        }
        for (int i = 0; i < approvals.size(); i++) {
            if (!APPROVAL_GATES.contains(approvals.get(i))) {
                errors.add(new FieldError("approvals[" + i + "]", "unknown gate '" + approvals.get(i) + "'; gates: " + APPROVAL_GATES));
            }
        }
        return approvals;
    }

    private static FlipPlan.LagGate lagGate(List<FieldError> errors, PlanRequest.Gates gates) {
        if (gates == null || gates.maxLagMs() == null) {
            return null;
        }
        if (gates.maxLagMs() <= 0) {
            errors.add(new FieldError("gates.maxLagMs", "must be positive, got " + gates.maxLagMs()));
        }
        Duration timeout = DEFAULT_LAG_WAIT;
        if (gates.lagWaitTimeout() != null) {
            Optional<Duration> parsed = DurationText.parse(gates.lagWaitTimeout());
            if (parsed.isEmpty() || parsed.get().isNegative() || parsed.get().isZero()) {
                errors.add(new FieldError("gates.lagWaitTimeout", "must be a positive duration such as 5m or 30s, got '"
                        + gates.lagWaitTimeout() + "'"));
            } else {
                timeout = parsed.get();
            }
        }
        return new FlipPlan.LagGate(gates.maxLagMs(), timeout);
    }

    private static List<FlipPlan.Application> applications(List<FieldError> errors, List<PlanRequest.Application> apps) {
        if (apps == null || apps.isEmpty()) {
            errors.add(new FieldError("applications", "at least one application with its DNS records is required"));
            return List.of();
        }
        List<FlipPlan.Application> result = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < apps.size(); i++) {
            String field = "applications[" + i + "]";
            PlanRequest.Application app = apps.get(i);
            if (app == null) {
                errors.add(new FieldError(field, "must not be null"));
                continue;
            }
            String name = required(errors, field + ".name", app.name());
            if (name != null && !names.add(name)) {
                errors.add(new FieldError(field + ".name", "application '" + name + "' is given twice"));
            }
            result.add(new FlipPlan.Application(name, records(errors, field + ".records", app.records())));
        }
        return result;
    }

    private static List<FlipPlan.DnsRecord> records(List<FieldError> errors, String field, List<PlanRequest.DnsRecord> records) {
        if (records == null || records.isEmpty()) {
            errors.add(new FieldError(field, "at least one DNS record is required"));
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
            String zone = dnsName(errors, at + ".zone", record.zone());
            String name = dnsName(errors, at + ".name", record.name());
            String type = required(errors, at + ".type", record.type());
            if (type != null && !RECORD_TYPES.contains(type.toUpperCase(Locale.ROOT))) {
                errors.add(new FieldError(at + ".type", "must be A or CNAME, got '" + type + "'"));
            }
            if (record.ttl() == null || record.ttl() < 0 || record.ttl() > MAX_TTL) {
                errors.add(new FieldError(at + ".ttl", "must be between 0 and " + MAX_TTL + " seconds, got " + record.ttl()));
            }
            String sourceValue = required(errors, at + ".source", record.source());
            String targetValue = required(errors, at + ".target", record.target());
            if (sourceValue != null && sourceValue.equals(targetValue)) {
                errors.add(new FieldError(at + ".target", "must differ from source ('" + sourceValue + "')"));
            }
            result.add(new FlipPlan.DnsRecord(zone, name, type == null ? null : type.toUpperCase(Locale.ROOT),
                    record.ttl() == null ? 0 : record.ttl(), sourceValue, targetValue));
        }
        return result;
    }

    private static String dnsName(List<FieldError> errors, String field, String value) {
        String name = required(errors, field, value);
        return name == null || name.endsWith(".") ? name : name + ".";
    }

    private static String required(List<FieldError> errors, String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        return value.trim();
    }
}
