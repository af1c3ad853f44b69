package io.handoff.planner.plan;

import io.handoff.common.step.DnsFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A validated plan: A ({@code source}) is the current master, B ({@code target}) the new one. It runs
 * its {@code phases}: the prepare phase (B seeded, replicating from A, caught up and verified) and/or the
 * flip. It is recorded as is in the plan's SUBMITTED event, so a new field must read back as its
 * default from events written before it existed.
 *
 * @param name         the operator's name for it
 * @param source       registry name of A
 * @param target       registry name of B
 * @param order        flip order
 * @param readOnly     how writes are fenced: {@code global}, {@code account-lock}, {@code security-group-swap} or
 *                     {@code rds-read-only} (Aurora MySQL 3.06+'s {@code mysql.rds_set_read_only})
 * @param kill         how sessions are ended: {@code kill}, {@code rds-kill} or {@code per-user}
 * @param exemptUsers  accounts never killed (authentication stays up)
 * @param syncTimeout  how long WAIT_SYNC may wait for B to reach A's final position
 * @param lagGate      the lag that must hold right before READ_ONLY, or null for no gate
 * @param window       when READ_ONLY may happen, or null for any time
 * @param approvals    gates an operator must approve ({@code flip}: READ_ONLY waits for it)
 * @param maxTtlSeconds the highest TTL in force a DNS switch accepts (lower TTLs days ahead), or null
 * @param applications applications whose records switch, in this order (none without a flip phase)
 * @param phases       the phases that run, in order (absent in old events: the flip only)
 * @param prepare      the prepare phase's options, or null without that phase
 * @param caughtUp     WAIT_CAUGHT_UP's gate, or null without the prepare phase
 * @param allowDriftIn tables ({@code schema.table}) in which VERIFY may find differences
 * @param snapshot     SNAPSHOT of A once its writes are fenced
 * @param healthCheckTimeout how long an application's health check may take to answer 2xx after its switch
 *                     (absent in old events: the default)
 * @param replicationSsl whether the replication the plan sets up is encrypted (absent in old events: {@code true})
 * @param lowerTtl     LOWER_TTL of every application's records to their plan TTL as the plan's first steps (after
 *                     PRECHECK in a plan that prepares), and
 *                     RESTORE_TTL of what they had as its last (absent in old events: {@code false})
 */
public record FlipPlan(String name, String source, String target, FlipOrder order, String readOnly, String kill,
        List<String> exemptUsers,
        Duration syncTimeout, LagGate lagGate, Window window, List<String> approvals, Integer maxTtlSeconds,
        List<Application> applications, List<Phase> phases, Prepare prepare, CaughtUp caughtUp, List<String> allowDriftIn,
        boolean snapshot, Duration healthCheckTimeout, Boolean replicationSsl, boolean lowerTtl) {

    /** How long a health check may take to pass when the plan does not say. */
    public static final Duration DEFAULT_HEALTH_CHECK_TIMEOUT = Duration.ofMinutes(2);

    /** Read-only strategies a plan may name (docs/DESIGN.md, "Strategies and flavours"); the first is the default. */
    public static final List<String> READ_ONLY_STRATEGIES = List.of("global", "account-lock", "security-group-swap", "rds-read-only",
            "auto");
    /** Kill strategies a plan may name; the first is the default. */
    public static final List<String> KILL_STRATEGIES = List.of("kill", "rds-kill", "per-user");

    public FlipPlan {
        readOnly = readOnly == null ? READ_ONLY_STRATEGIES.get(0) : readOnly;
        kill = kill == null ? KILL_STRATEGIES.get(0) : kill;
        exemptUsers = List.copyOf(exemptUsers);
        approvals = List.copyOf(approvals);
        applications = List.copyOf(applications);
        phases = phases == null || phases.isEmpty() ? List.of(Phase.FLIP) : List.copyOf(phases);
        allowDriftIn = allowDriftIn == null ? List.of() : List.copyOf(allowDriftIn);
        healthCheckTimeout = healthCheckTimeout == null ? DEFAULT_HEALTH_CHECK_TIMEOUT : healthCheckTimeout;
        replicationSsl = replicationSsl == null ? Boolean.TRUE : replicationSsl;
    }

    /** Whether the plan runs the after phase (point of no return, then DECOMMISSION of A). */
    public boolean retires() {
        return phases.contains(Phase.AFTER);
    }

    /** Whether the plan runs the prepare phase. */
    public boolean prepares() {
        return phases.contains(Phase.PREPARE);
    }

    /** Whether the plan runs the flip. */
    public boolean flips() {
        return phases.contains(Phase.FLIP);
    }

    /**
     * The prepare phase's options.
     *
     * @param schemas      schemas PRECHECK checks, SEED copies (mysqldump) and VERIFY compares; empty: all
     * @param retainBinlog how long the source keeps its binlogs (RETAIN_BINLOG)
     * @param seed         how the target is seeded
     * @param verify       whether VERIFY runs
     */
    public record Prepare(List<String> schemas, Duration retainBinlog, Seed seed, boolean verify) {
        public Prepare {
            schemas = schemas == null ? List.of() : List.copyOf(schemas);
        }
    }

    /**
     * SEED's method ({@code parallel}, the default, {@code mysqldump}, {@code xtrabackup}, {@code external}) and what
     * it needs: the backup's {@code logLine} (xtrabackup) or the {@code position} replication starts from (external).
     */
    public record Seed(String method, String logLine, String position) {
        public static final String DEFAULT_METHOD = "parallel";
        public static final List<String> METHODS = List.of("parallel", "mysqldump", "xtrabackup", "external");
    }

    /**
     * WAIT_CAUGHT_UP passes once the monitor's lag stayed at most {@code maxLagMs} (fresh, not stale)
     * for {@code holdFor} without a break; it gives up after waiting {@code timeout}.
     */
    public record CaughtUp(long maxLagMs, Duration holdFor, Duration timeout) {
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
     * {@code healthCheck}: the URL that must answer 2xx after its switch (or switch back), or null.
     * {@code port}: the port it connects to its database on (absent in old events: {@value #DEFAULT_PORT}).
     */
    public record Application(String name, List<DnsRecord> records, DnsFacts.SwitchDns switchBackFacts,
            String healthCheck, Integer port) {
        /** The port of an application whose plan does not say. */
        public static final int DEFAULT_PORT = 3306;

        public Application {
            records = List.copyOf(records);
            port = port == null ? DEFAULT_PORT : port;
        }

        public Application(String name, List<DnsRecord> records, DnsFacts.SwitchDns switchBackFacts, String healthCheck) {
            this(name, records, switchBackFacts, healthCheck, null);
        }

        public Application(String name, List<DnsRecord> records) {
            this(name, records, null, null, null);
        }
    }

    /** A record with its value before ({@code sourceValue}) and after ({@code targetValue}) the flip. */
    public record DnsRecord(String zone, String name, String type, int ttl, String sourceValue, String targetValue) {
    }
}
