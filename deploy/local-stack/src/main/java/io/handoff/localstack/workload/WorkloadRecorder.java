package io.handoff.localstack.workload;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Collects what the writer threads see. Thread-safe: writer threads append (one short lock per event), any
 * thread takes {@link #snapshot()}. An attempt is recorded before it is sent ({@link #begin}), its outcome
 * after ({@link #ended}); an ack is appended only after the server's success came back, so a snapshot never
 * holds a write that was not acknowledged, and always holds every write that may have committed.
 */
final class WorkloadRecorder {
    private final Map<String, String> schemaByApplication;
    private final List<Ack> acks = new ArrayList<>();
    private final List<WriteError> errors = new ArrayList<>();
    private final List<WriteAttempt> attempts = new ArrayList<>();
    private volatile boolean stopped;

    WorkloadRecorder(Map<String, String> schemaByApplication) {
        this.schemaByApplication = Map.copyOf(schemaByApplication);
    }

    synchronized void acknowledged(Ack ack) {
        acks.add(ack);
    }

    synchronized void failed(WriteError error) {
        errors.add(error);
    }

    /** Records a pending attempt; returns its handle for {@link #ended}. */
    synchronized int begin(WriteAttempt attempt) {
        attempts.add(attempt);
        return attempts.size() - 1;
    }

    /** Records the outcome of attempt {@code handle}; an acknowledged one also becomes an {@link Ack}. */
    synchronized void ended(int handle, WriteAttempt.Outcome outcome, Instant at) {
        ended(handle, outcome, at, attempts.get(handle).server());
    }

    /** The same, for an attempt that ended on server {@code where} (its connection may have moved while it ran). */
    synchronized void ended(int handle, WriteAttempt.Outcome outcome, Instant at, String where) {
        WriteAttempt attempt = attempts.get(handle).ended(outcome, at, where);
        attempts.set(handle, attempt);
        if (outcome == WriteAttempt.Outcome.ACKNOWLEDGED) {
            acks.add(new Ack(attempt.id(), attempt.application(), attempt.thread(), attempt.server(), attempt.sentAt(), at,
                    attempt.operation()));
        }
    }

    /** No writer thread runs any more: snapshots from now on are final. */
    void stopped() {
        stopped = true;
    }

    WorkloadReport snapshot() {
        List<Ack> ackCopy;
        List<WriteError> errorCopy;
        List<WriteAttempt> attemptCopy;
        boolean complete = stopped;
        synchronized (this) {
            ackCopy = new ArrayList<>(acks);
            errorCopy = new ArrayList<>(errors);
            attemptCopy = new ArrayList<>(attempts);
        }
        return new WorkloadReport(ackCopy, errorCopy, schemaByApplication, attemptCopy, complete);
    }
}
