package io.handoff.localstack.workload;

/**
 * What one write attempt of a {@link Workload} does, each in the application's own schema. Only the
 * thread that inserted a row ever updates or deletes it, so a row's history is one thread's, in order.
 */
public enum Operation {
    /** An autocommit {@code INSERT} of a new row of {@link WritesTable#NAME}, id unique in the workload. */
    INSERT,
    /** An autocommit {@code UPDATE} of an existing row: {@code val} set to the attempt's id (always higher). */
    UPDATE,
    /** An autocommit {@code DELETE} of an existing row inserted as doomed ({@link WriteAttempt#doomed()}). */
    DELETE,
    /**
     * A multi-statement transaction: an amount moved between two rows of {@link WritesTable#ACCOUNTS} (the
     * balances' sum is invariant) and a row of {@link WritesTable#TRANSFERS} recording it, then COMMIT.
     */
    TRANSFER
}
