package io.handoff.planner.plan;

import java.util.List;

/**
 * A plan as the operator writes it (JSON or YAML), before validation. Every field may be missing or
 * wrong here; {@link PlanValidator} turns it into a {@link FlipPlan} or names what is wrong.
 *
 * @param phases  which phases run, in order: {@code prepare}, {@code flip}, {@code after} (which needs the
 *                flip); absent: prepare and flip when a {@code prepare} section is given, otherwise the flip only
 * @param prepare the prepare phase's options (required when it runs)
 * @param replication how the replication the plan sets up (START_REPLICATION, REVERSE_REPLICATION, ROLLBACK)
 *                is carried; absent: encrypted
 */
public record PlanRequest(String name, String source, String target, List<String> phases, Prepare prepare, Flip flip,
        Gates gates, List<String> approvals, List<Application> applications, Replication replication) {

    /** A plan whose replication is encrypted (the default). */
    public PlanRequest(String name, String source, String target, List<String> phases, Prepare prepare, Flip flip,
            Gates gates, List<String> approvals, List<Application> applications) {
        this(name, source, target, phases, prepare, flip, gates, approvals, applications, null);
    }

    /** A flip-only plan, as plans were before the prepare phase. */
    public PlanRequest(String name, String source, String target, Flip flip, Gates gates, List<String> approvals,
            List<Application> applications) {
        this(name, source, target, null, null, flip, gates, approvals, applications);
    }

    /**
     * How to flip; every field has a safe default. {@code snapshot}: SNAPSHOT the source once its writes are
     * fenced; {@code healthCheckTimeout}: how long an application's health check may take to answer 2xx after
     * its DNS switch (default 2m).
     */
    public record Flip(String order, String readOnly, String kill, List<String> exemptUsers, String syncTimeout,
            Window window, Integer maxTtlSeconds, Boolean snapshot, String healthCheckTimeout, Boolean lowerTtl) {

        public Flip(String order, String readOnly, String kill, List<String> exemptUsers, String syncTimeout,
                Window window, Integer maxTtlSeconds, Boolean snapshot, String healthCheckTimeout) {
            this(order, readOnly, kill, exemptUsers, syncTimeout, window, maxTtlSeconds, snapshot, healthCheckTimeout, null);
        }

        public Flip(String order, String readOnly, String kill, List<String> exemptUsers, String syncTimeout,
                Window window, Integer maxTtlSeconds, Boolean snapshot) {
            this(order, readOnly, kill, exemptUsers, syncTimeout, window, maxTtlSeconds, snapshot, null, null);
        }

        public Flip(String order, String readOnly, String kill, List<String> exemptUsers, String syncTimeout,
                Window window, Integer maxTtlSeconds) {
            this(order, readOnly, kill, exemptUsers, syncTimeout, window, maxTtlSeconds, null, null, null);
        }
    }

    /** The maintenance window (ISO-8601 instants): READ_ONLY waits for notBefore and is refused after notAfter. */
    public record Window(String notBefore, String notAfter) {
    }

    /**
     * Gates the plan must pass. {@code maxLagMs}: the replication monitor's lag must be at most this,
     * fresh and not stale, right before READ_ONLY, so that writes are never fenced while the target is
     * far behind; {@code lagWaitTimeout}: how long to wait for it before giving up (default 5m). With
     * the prepare phase, {@code maxLagMs} is also WAIT_CAUGHT_UP's threshold (then required):
     * {@code caughtUpFor} how long the lag must stay at most that without a break (default 30s),
     * {@code caughtUpTimeout} how long WAIT_CAUGHT_UP may wait (default 1h); {@code allowDriftIn}:
     * tables ({@code schema.table}) in which VERIFY may find differences without stopping the plan.
     */
    public record Gates(Integer maxLagMs, String lagWaitTimeout, String caughtUpFor, String caughtUpTimeout,
            List<String> allowDriftIn) {

        public Gates(Integer maxLagMs, String lagWaitTimeout) {
            this(maxLagMs, lagWaitTimeout, null, null, null);
        }
    }

    /**
     * The prepare phase: PRECHECK, RETAIN_BINLOG, SEED, START_REPLICATION, START_MONITOR, WAIT_CAUGHT_UP
     * and VERIFY.
     *
     * @param schemas      the schemas PRECHECK checks, a parallel or mysqldump SEED copies and VERIFY compares (absent:
     *                     every application schema; required by parallel and mysqldump)
     * @param retainBinlog how long the source must keep its binlogs (RETAIN_BINLOG; default 7d)
     * @param seed         how the target gets the data (required)
     * @param verify       whether VERIFY runs (default true)
     * @param strategies   the read-only and kill strategies PRECHECK checks privileges for, in a plan without
     *                     a flip phase (a flipping plan's PRECHECK checks the flip's own)
     */
    public record Prepare(List<String> schemas, String retainBinlog, Seed seed, Boolean verify, Strategies strategies) {
    }

    /**
     * How SEED gives the target its data: {@code parallel} (the default: the {@code schemas} copied by several sessions on
     * each server from one consistent snapshot), {@code mysqldump} (the {@code schemas} by the dump programs), {@code xtrabackup}
     * (restored out of band; {@code logLine}: the backup's coordinates line or binlog info file), or
     * {@code external} (snapshot restore, DMS; {@code position}: a GTID set, {@code file:pos} or
     * {@code auto} when the target already replicates).
     */
    public record Seed(String method, String logLine, String position) {
    }

    /**
     * The replication the plan sets up. {@code ssl}: encrypted ({@code SOURCE_SSL=1}, {@code MASTER_SSL=1}, Aurora's
     * {@code mysql.rds_set_binlog_source_ssl(1)}) unless {@code false}, for servers that offer no TLS to their
     * replicas; replication then carries rows and the replication account's login in plain text.
     */
    public record Replication(Boolean ssl) {
    }

    /** Read-only and kill strategies. */
    public record Strategies(String readOnly, String kill) {
    }

    /**
     * One application and the DNS records that point it at its database. {@code healthCheck}: an absolute
     * http(s) URL that must answer 2xx after the application's DNS switch before the next application
     * switches; optional. {@code port}: the port the application connects to its database on (default 3306),
     * which its events name beside the first record's value.
     */
    public record Application(String name, String healthCheck, List<DnsRecord> records, Integer port) {

        public Application(String name, String healthCheck, List<DnsRecord> records) {
            this(name, healthCheck, records, null);
        }
    }

    /** One record: its value on each side of the flip. */
    public record DnsRecord(String zone, String name, String type, Integer ttl, String source, String target) {
    }
}
