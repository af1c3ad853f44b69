package io.handoff.common.event;

import io.handoff.common.Require;
import java.time.Instant;

/** Validation of the envelope fields, shared by the event records' constructors. */
final class EventEnvelope {

    private EventEnvelope() {
    }

    static void validate(String type, String eventId, String planId, Instant occurredAt, int schemaVersion) {
        Require.uuid(eventId, type + ".eventId");
        Require.nonBlank(planId, type + ".planId");
        Require.nonNull(occurredAt, type + ".occurredAt");
        Require.atLeast(schemaVersion, 1, type + ".schemaVersion");
    }
}
