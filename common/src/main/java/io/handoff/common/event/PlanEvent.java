package io.handoff.common.event;

import io.handoff.common.Require;
import io.handoff.common.json.JsonValues;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * One entry of a plan's event log on {@code handoff.plans}, keyed by plan id. The planner rebuilds
 * a plan's state by replaying these after a restart, so they are facts, never intentions.
 *
 * @param eventId       unique id of this record (UUID)
 * @param planId        the plan, also the Kafka key
 * @param occurredAt    when it happened
 * @param schemaVersion schema version of this record, {@value #SCHEMA_VERSION} today
 * @param kind          what happened
 * @param stepId        the step concerned; required for the step kinds, else may be {@code null}
 * @param details       JSON-shaped details (the plan itself for SUBMITTED, the gate's measurements ...)
 */
public record PlanEvent(
        String eventId,
        String planId,
        Instant occurredAt,
        int schemaVersion,
        PlanEventKind kind,
        String stepId,
        Map<String, Object> details) implements HandoffEvent {

    /** The {@link HandoffEvent#eventType()} of plan events. */
    public static final String TYPE = "handoff.plan-event";
    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    /** Validates every component and copies {@code details}. */
    public PlanEvent {
        EventEnvelope.validate("PlanEvent", eventId, planId, occurredAt, schemaVersion);
        Require.nonNull(kind, "PlanEvent.kind");
        if (kind.aboutStep()) {
            Require.nonBlank(stepId, "PlanEvent.stepId (required for " + kind + ")");
        }
        details = JsonValues.canonicalMap(details, "PlanEvent.details");
    }

    /** A plan event with a fresh event id, happening now. */
    public static PlanEvent of(String planId, PlanEventKind kind, String stepId, Map<String, ?> details, Clock clock) {
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) details;
        return new PlanEvent(HandoffEvent.newEventId(), planId, clock.instant(), SCHEMA_VERSION, kind, stepId, values);
    }

    @Override
    public String eventType() {
        return TYPE;
    }
}
