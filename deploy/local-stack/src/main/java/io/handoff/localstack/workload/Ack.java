package io.handoff.localstack.workload;

import java.time.Instant;

/**
 * One acknowledged write: the server returned success for the autocommit write or the transfer's COMMIT of
 * attempt {@code id}. The commit happened somewhere between {@code sentAt} and {@code acknowledgedAt}.
 *
 * @param id             the attempt's id, unique within the workload (an INSERT's row id)
 * @param application    the application that wrote it
 * @param thread         the writer thread's number within the application, from 1
 * @param server         the address of the server that acknowledged it, e.g. {@code 127.0.0.2}
 * @param sentAt         taken just before the write was sent
 * @param acknowledgedAt taken just after the success came back
 * @param operation      what the write did
 */
public record Ack(long id, String application, int thread, String server, Instant sentAt, Instant acknowledgedAt,
        Operation operation) {

    /** An acknowledged INSERT. */
    public Ack(long id, String application, int thread, String server, Instant sentAt, Instant acknowledgedAt) {
        this(id, application, thread, server, sentAt, acknowledgedAt, Operation.INSERT);
    }
}
