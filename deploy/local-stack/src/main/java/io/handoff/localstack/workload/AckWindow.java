package io.handoff.localstack.workload;

import java.time.Instant;

/** The first and the last acknowledgement by one server. */
public record AckWindow(Instant first, Instant last) {
}
