package io.handoff.common.event;

/**
 * What a step does; each type is executed by exactly one {@link Executor}. A {@code switch} over
 * step types must stay exhaustive, so that a new type fails to compile where it is not handled.
 */
public enum StepType {

    /** Check source and target: binlog, ROW format, server ids, GTID mode, retention, privileges, keys. */
    PRECHECK(Executor.CUTOVER),
    /** Make the source keep its binlogs long enough for seeding and catching up. */
    RETAIN_BINLOG(Executor.CUTOVER),
    /** Seed the target (mysqldump, xtrabackup coordinates, or external with given coordinates). */
    SEED(Executor.CUTOVER),
    /** Make the target replicate from the source. */
    START_REPLICATION(Executor.CUTOVER),
    /** Start tailing the source binlog for lag and drift. */
    START_MONITOR(Executor.MONITOR),
    /** Stop monitoring the plan. */
    STOP_MONITOR(Executor.MONITOR),
    /** Wait until lag stayed under the plan's threshold for the required time. */
    WAIT_CAUGHT_UP(Executor.PLANNER),
    /** Chunked checksums of every table; drift must be zero to go on. */
    VERIFY(Executor.MONITOR),
    /** {@code FLUSH TABLES} on the current master. */
    FLUSH_TABLES(Executor.CUTOVER),
    /** Stop application writes on a server, with the plan's read-only strategy. */
    READ_ONLY(Executor.CUTOVER),
    /** Kill the application sessions on the current master, with the plan's kill strategy. */
    KILL_CONNECTIONS(Executor.CUTOVER),
    /** Wait until the new master has applied the old master's final position. */
    WAIT_SYNC(Executor.CUTOVER),
    /** Optional snapshot of the new master before it takes writes. */
    SNAPSHOT(Executor.CUTOVER),
    /** Stop replication on the new master. */
    STOP_REPLICA(Executor.CUTOVER),
    /** Record the new master's binlog coordinates, the start of reverse replication. */
    CAPTURE_POSITION(Executor.CUTOVER),
    /** Point an application's DNS records at the new master. */
    SWITCH_DNS(Executor.DNS),
    /** Let the new master take writes. */
    WRITABLE(Executor.CUTOVER),
    /** Forget a server's replication configuration. */
    RESET_REPLICA(Executor.CUTOVER),
    /** Make the old master replicate from the new one, so that the flip can be reversed. */
    REVERSE_REPLICATION(Executor.CUTOVER),
    /** Undo a flip that failed before DNS moved: old master writable again, new master replicating. */
    ROLLBACK(Executor.CUTOVER),
    /** Point DNS records back at the old master; the SQL half of a flip-back is a regular flip with roles swapped. */
    FLIP_BACK(Executor.DNS),
    /** Lower the TTL of the records to switch, ahead of the flip. */
    LOWER_TTL(Executor.DNS),
    /** Restore the records' original TTL after the flip. */
    RESTORE_TTL(Executor.DNS),
    /**
     * Retire the old master once the plan is past its point of no return: no replication configuration
     * left, still fenced with the plan's read-only strategy; its data is kept.
     */
    DECOMMISSION(Executor.CUTOVER),
    /**
     * Wait until an application's health check URL answers 2xx after its DNS switch. Decided by the
     * planner itself, from its own probes.
     */
    CHECK_HEALTH(Executor.PLANNER),
    /**
     * Several consecutive cutover steps of the flip run as one unit by cutover-service, from the old master's
     * READ_ONLY on, so that no Kafka round trip separates them inside the write-blocked window; each step is
     * still reported by its own events ({@link FenceSteps}).
     */
    FENCE(Executor.CUTOVER),
    /**
     * The applications' consecutive SWITCH_DNS (or FLIP_BACK) steps of a flip, which no health check separates, run at
     * once by dns-service; each step is still reported by its own events, in the plan's order ({@link FenceSteps}).
     */
    DNS_SWITCHES(Executor.DNS);

    /** True for the types that carry several steps of the plan ({@link FenceSteps}). */
    public boolean carriesSteps() {
        return this == FENCE || this == DNS_SWITCHES;
    }

    /** The type of the command that carries several consecutive steps executed by {@code executor}. */
    public static StepType carrying(Executor executor) {
        return switch (executor) {
            case CUTOVER -> FENCE;
            case DNS -> DNS_SWITCHES;
            case MONITOR -> throw new IllegalArgumentException("the monitor's steps are sent one by one");
            case PLANNER -> throw new IllegalArgumentException("the planner's steps are not sent");
        };
    }

    private final Executor executor;

    StepType(Executor executor) {
        this.executor = executor;
    }

    /** The service that executes steps of this type. */
    public Executor executor() {
        return executor;
    }
}
