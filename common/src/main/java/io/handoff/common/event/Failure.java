package io.handoff.common.event;

import io.handoff.common.Require;

/**
 * Why a step failed, whether trying again may help, and in what state the databases were left.
 *
 * @param reason           human-readable cause, never containing a password
 * @param retryable        {@code true} when the same step may be attempted again (a timeout, a lost
 *                         connection); {@code false} when it cannot succeed as is (a missing privilege,
 *                         an unsupported strategy)
 * @param recoverableState what the databases look like after the failure, e.g. "A read-only, B
 *                         replicating": what a rollback starts from; {@code null} when nothing changed
 */
public record Failure(String reason, boolean retryable, String recoverableState) {

    /** Validates that a reason is given. */
    public Failure {
        Require.nonBlank(reason, "Failure.reason");
    }

    /** A failure that another attempt of the step may overcome. */
    public static Failure transientFailure(String reason, String recoverableState) {
        return new Failure(reason, true, recoverableState);
    }

    /** A failure no further attempt will overcome; the plan must roll back or stop. */
    public static Failure terminal(String reason, String recoverableState) {
        return new Failure(reason, false, recoverableState);
    }
}
