package io.handoff.planner.plan;

import java.util.List;

/**
 * A flip plan as the operator writes it (JSON or YAML), before validation. Every field may be missing
 * or wrong here; {@link PlanValidator} turns it into a {@link FlipPlan} or names what is wrong.
 */
public record PlanRequest(String name, String source, String target, Flip flip, Gates gates, List<String> approvals,
        List<Application> applications) {

    /** How to flip; every field has a safe default. */
    public record Flip(String order, String readOnly, String kill, List<String> exemptUsers, String syncTimeout,
            Window window, Integer maxTtlSeconds) {
    }

    /** The maintenance window (ISO-8601 instants): READ_ONLY waits for notBefore and is refused after notAfter. */
    public record Window(String notBefore, String notAfter) {
    }

    /**
     * Gates the flip must pass. {@code maxLagMs}: the replication monitor's lag must be at most this,
     * fresh and not stale, right before READ_ONLY, so that writes are never fenced while the target is
     * far behind; {@code lagWaitTimeout}: how long to wait for it before giving up (default 5m).
     */
    public record Gates(Integer maxLagMs, String lagWaitTimeout) {
    }

    /** One application and the DNS records that point it at its database. */
    public record Application(String name, String healthCheck, List<DnsRecord> records) {
    }

    /** One record: its value on each side of the flip. */
    public record DnsRecord(String zone, String name, String type, Integer ttl, String source, String target) {
    }
}
