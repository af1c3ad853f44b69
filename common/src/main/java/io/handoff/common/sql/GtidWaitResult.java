package io.handoff.common.sql;

/** Outcome of waiting for a replica to apply a GTID set ({@link SqlDialect#waitForGtid}). */
public enum GtidWaitResult {
    /** The replica has applied the whole set. */
    REACHED,
    /** The timeout expired first; the replica is still behind. */
    TIMED_OUT
}
