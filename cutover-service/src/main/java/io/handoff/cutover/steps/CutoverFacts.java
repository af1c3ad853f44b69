package io.handoff.cutover.steps;

import io.handoff.common.event.StepParams;

/**
 * Fact names of the flip steps that {@link StepParams} lists in its table but does not name as
 * constants yet; they belong there.
 */
final class CutoverFacts {
    /** FLUSH_TABLES: how long the flush took, ms. */
    static final String DURATION_MS = "durationMs";
    /** KILL_CONNECTIONS: how many sessions were killed. */
    static final String KILLED = "killed";
    /** KILL_CONNECTIONS: the accounts whose sessions were killed, sorted. */
    static final String KILLED_USERS = "killedUsers";
    /** ROLLBACK: what was done, in order; empty when everything was in place. */
    static final String ACTIONS = "actions";
    /** WAIT_SYNC failure: the position the new master had applied when the wait ended. */
    static final String REPLICA_POSITION = "replicaPosition";

    private CutoverFacts() {
    }
}
