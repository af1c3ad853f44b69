package io.handoff.planner.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A validated flip plan: A ({@code source}) is the current master, B ({@code target}) the new one.
 *
 * @param name         the operator's name for it
 * @param source       registry name of A
 * @param target       registry name of B
 * @param order        flip order
 * @param readOnly     how writes are fenced: {@code global}, {@code account-lock} or {@code security-group-swap}
 * @param kill         how sessions are ended: {@code kill}, {@code rds-kill} or {@code per-user}
 * @param exemptUsers  accounts never killed (authentication stays up)
 * @param syncTimeout  how long WAIT_SYNC may wait for B to reach A's final position
 * @param lagGate      the lag that must hold right before READ_ONLY, or null for no gate
 * @param window       when READ_ONLY may happen, or null for any time
 * @param approvals    gates an operator must approve ({@code flip}: READ_ONLY waits for it)
 * @param maxTtlSeconds the highest TTL in force a DNS switch accepts (lower TTLs days ahead), or null
 * @param applications applications whose records switch, in this order
 */
public record FlipPlan(String name, String source, String target, FlipOrder order, String readOnly, String kill,
        List<String> exemptUsers,
        Duration syncTimeout, LagGate lagGate, Window window, List<String> approvals, Integer maxTtlSeconds,
        List<Application> applications) {

    /** Read-only strategies a plan may name (DESIGN.md, "Strategies"); the first is the default. */
    public static final List<String> READ_ONLY_STRATEGIES = List.of("global", "account-lock", "security-group-swap");
    /** Kill strategies a plan may name; the first is the default. */
    public static final List<String> KILL_STRATEGIES = List.of("kill", "rds-kill", "per-user");

    public FlipPlan {
        readOnly = readOnly == null ? READ_ONLY_STRATEGIES.get(0) : readOnly;
        kill = kill == null ? KILL_STRATEGIES.get(0) : kill;
        exemptUsers = List.copyOf(exemptUsers);
        approvals = List.copyOf(approvals);
        applications = List.copyOf(applications);
    }

    /**
     * Right before READ_ONLY(A), the monitor's latest lag sample for the plan must be at most
     * {@code maxLagMs}, not stale and fresh; the flip waits for that up to {@code timeout}.
     */
    public record LagGate(long maxLagMs, Duration timeout) {
    }

    /** READ_ONLY waits until {@code notBefore} and is refused after {@code notAfter}; either may be null. */
    public record Window(Instant notBefore, Instant notAfter) {
    }

    /**
     * An application and its records. {@code switchBackFacts} is set only in a flip back: the facts of
     * the SWITCH_DNS step it undoes, from which the DNS service restores exactly what was replaced.
     */
    public record Application(String name, List<DnsRecord> records, Map<String, Object> switchBackFacts) {
        public Application {
            records = List.copyOf(records);
        }

        public Application(String name, List<DnsRecord> records) {
            this(name, records, null);
        }
    }

    /** A record with its value before ({@code sourceValue}) and after ({@code targetValue}) the flip. */
    public record DnsRecord(String zone, String name, String type, int ttl, String sourceValue, String targetValue) {
    }
}
