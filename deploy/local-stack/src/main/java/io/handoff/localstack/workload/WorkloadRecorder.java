package io.handoff.localstack.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Collects what the writer threads see. Thread-safe: writer threads append (one short lock per insert),
 * any thread takes {@link #snapshot()}. An ack is appended only after the server's success came back, so a
 * snapshot never holds an insert that was not acknowledged.
 */
final class WorkloadRecorder {
    private final Map<String, String> schemaByApplication;
    private final List<Ack> acks = new ArrayList<>();
    private final List<WriteError> errors = new ArrayList<>();

    WorkloadRecorder(Map<String, String> schemaByApplication) {
        this.schemaByApplication = Map.copyOf(schemaByApplication);
    }

    synchronized void acknowledged(Ack ack) {
        acks.add(ack);
    }

    synchronized void failed(WriteError error) {
        errors.add(error);
    }

    WorkloadReport snapshot() {
        List<Ack> ackCopy;
        List<WriteError> errorCopy;
        synchronized (this) {
            ackCopy = new ArrayList<>(acks);
            errorCopy = new ArrayList<>(errors);
        }
        return new WorkloadReport(ackCopy, errorCopy, schemaByApplication);
    }
}
