package io.handoff.localstack.workload;

import java.time.Instant;

/**
 * One acknowledged insert: the server returned success for the autocommit {@code INSERT} of {@code id}.
 * The commit happened somewhere between {@code sentAt} and {@code acknowledgedAt}.
 *
 * @param id             the row's id, unique within the workload
 * @param application    the application that wrote it
 * @param thread         the writer thread's number within the application, from 1
 * @param server         the address of the server that acknowledged it, e.g. {@code 127.0.0.2}
 * @param sentAt         taken just before the insert was sent
 * @param acknowledgedAt taken just after the success came back
 */
public record Ack(long id, String application, int thread, String server, Instant sentAt, Instant acknowledgedAt) {
}
