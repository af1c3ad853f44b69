package io.handoff.localstack.workload;

import java.time.Instant;

/**
 * One write attempt of a writer thread and what became of it, as far as the application knows.
 *
 * @param id          the attempt's id, unique in the workload and increasing; an INSERT's row id, an
 *                    UPDATE's new {@code val}, a TRANSFER's row in {@link WritesTable#TRANSFERS}
 * @param application the application
 * @param thread      the writer thread's number within the application, from 1
 * @param operation   what it does
 * @param row         the row of {@link WritesTable#NAME} it writes (INSERT, UPDATE, DELETE); the transfer id else
 * @param previous    the row's {@code val} the thread last saw acknowledged before this attempt (UPDATE, DELETE)
 * @param doomed      an INSERT whose row the thread deletes later: its absence is no loss
 * @param from        TRANSFER: the account debited
 * @param to          TRANSFER: the account credited
 * @param amount      TRANSFER: the amount moved
 * @param server      the address it went to
 * @param sentAt      when it was sent
 * @param endedAt     when its outcome came back; null while pending
 * @param outcome     what the application knows of its commit
 */
public record WriteAttempt(long id, String application, int thread, Operation operation, long row, long previous,
        boolean doomed, int from, int to, long amount, String server, Instant sentAt, Instant endedAt, Outcome outcome) {

    /** What the application knows of an attempt's commit. */
    public enum Outcome {
        /** Sent, no answer yet (only in a snapshot of a running workload). */
        PENDING,
        /** The server acknowledged the commit. */
        ACKNOWLEDGED,
        /** The server refused it, or it failed before its commit was sent: certainly not committed. */
        FAILED_BEFORE_COMMIT,
        /** The connection was lost while the commit was in flight: committed or not, only the rows can say. */
        IN_DOUBT
    }

    WriteAttempt ended(Outcome result, Instant at) {
        return ended(result, at, server);
    }

    /** Ended on {@code at}, at the server it was sent to: it may differ from the one it was meant for (a moved connection). */
    WriteAttempt ended(Outcome result, Instant at, String where) {
        return new WriteAttempt(id, application, thread, operation, row, previous, doomed, from, to, amount, where, sentAt,
                at, result);
    }
}
