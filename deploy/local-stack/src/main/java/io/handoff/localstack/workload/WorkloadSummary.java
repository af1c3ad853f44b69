package io.handoff.localstack.workload;

import io.handoff.common.json.Json;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What ./demo prints after a run, as JSON through {@link #toJson()} (handoff's codec: ISO-8601 instants).
 *
 * @param acknowledgedWrites inserts acknowledged by any server
 * @param errors             failed attempts
 * @param acksByServer       acknowledged inserts per server address
 * @param errorsByServer     failed attempts per server address ({@link WriteError#UNRESOLVED} for DNS)
 * @param ackWindowsByServer  first and last ack per server address
 * @param longestGapMs       longest time between two consecutive acks of the run, in milliseconds
 * @param firstAckAt         the first ack, null without acks
 * @param lastAckAt          the last ack, null without acks
 * @param lostWrites         acknowledged ids missing on the server checked by {@link AcknowledgedWritesCheck};
 *                           null until set with {@link #withLostWrites(long)}
 */
public record WorkloadSummary(long acknowledgedWrites, long errors, Map<String, Long> acksByServer,
        Map<String, Long> errorsByServer, Map<String, AckWindow> ackWindowsByServer, long longestGapMs,
        Instant firstAckAt, Instant lastAckAt, Long lostWrites) {

    public WorkloadSummary {
        acksByServer = sorted(acksByServer);
        errorsByServer = sorted(errorsByServer);
        ackWindowsByServer = sorted(ackWindowsByServer);
    }

    /** This summary with the result of the lost-writes check. */
    public WorkloadSummary withLostWrites(long lost) {
        return new WorkloadSummary(acknowledgedWrites, errors, acksByServer, errorsByServer, ackWindowsByServer,
                longestGapMs, firstAckAt, lastAckAt, lost);
    }

    public String toJson() {
        return Json.toJson(this);
    }

    private static <V> Map<String, V> sorted(Map<String, V> map) {
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }
}
