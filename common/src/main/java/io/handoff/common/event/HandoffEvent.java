package io.handoff.common.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.UUID;

/**
 * The envelope every handoff record carries on a topic: a unique event id (the consumers'
 * deduplication key, since Kafka may deliver a record twice), the plan it belongs to (also the
 * Kafka key), the event type, when it happened and the schema version of its payload.
 *
 * <p>In JSON the type is the property {@code "eventType"}, which also lets a reader of
 * {@code HandoffEvent.class} get the right record back. It is called {@code eventType} rather than
 * {@code type} because a {@link StepCommand}'s {@code type} is its {@link StepType}.
 *
 * <p>The set of events is closed, so a {@code switch} over them is checked for exhaustiveness.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "eventType")
@JsonSubTypes({
        @JsonSubTypes.Type(value = StepCommand.class, name = StepCommand.TYPE),
        @JsonSubTypes.Type(value = StepEvent.class, name = StepEvent.TYPE),
        @JsonSubTypes.Type(value = LagSample.class, name = LagSample.TYPE),
        @JsonSubTypes.Type(value = DriftReport.class, name = DriftReport.TYPE),
        @JsonSubTypes.Type(value = PlanEvent.class, name = PlanEvent.TYPE),
        @JsonSubTypes.Type(value = ApplicationEvent.class, name = ApplicationEvent.TYPE)
})
public sealed interface HandoffEvent permits StepCommand, StepEvent, LagSample, DriftReport, PlanEvent,
        ApplicationEvent {

    /** Unique id of this event, a UUID string; redeliveries of one event share it. */
    String eventId();

    /** The plan this event belongs to; the Kafka record key (but for {@link ApplicationEvent}s: their application). */
    String planId();

    /** The event type, e.g. {@value StepCommand#TYPE}; also usable as CloudEvents {@code ce_type}. */
    String eventType();

    /** When the event happened, as seen by its producer. */
    Instant occurredAt();

    /** Version of this event type's schema, starting at 1. */
    int schemaVersion();

    /** A fresh random event id. */
    static String newEventId() {
        return UUID.randomUUID().toString();
    }
}
