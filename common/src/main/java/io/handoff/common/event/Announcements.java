package io.handoff.common.event;

import io.handoff.common.json.Json;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link ApplicationEvent}s a {@link StepType#FENCE} command carries, to be published by cutover-service the
 * moment one of its steps succeeded: the applications' MASTER_WRITABLE right after the new master's WRITABLE, one
 * Kafka hop after it instead of a round trip through the planner (the applications that follow events are then the
 * first to write to the new master). Best effort: the planner publishes its own copy when it sees the step's event;
 * clients apply an event only when it is newer than the last by {@code (fencingEpoch, kind)}, so the second copy
 * changes nothing.
 */
public final class Announcements {
    /** The FENCE param: step id -&gt; the events to publish once that step succeeded, as JSON objects. */
    public static final String AFTER = "announceAfter";

    private Announcements() {
    }

    /** {@code fenceParams} with {@code events} to publish after step {@code stepId}. */
    public static Map<String, Object> attach(Map<String, Object> fenceParams, String stepId, List<ApplicationEvent> events) {
        Map<String, Object> params = new LinkedHashMap<>(fenceParams);
        Map<String, Object> after = new LinkedHashMap<>();
        if (params.get(AFTER) instanceof Map<?, ?> existing) {
            existing.forEach((step, list) -> after.put(step.toString(), list));
        }
        List<Object> json = new ArrayList<>();
        events.forEach(event -> json.add(Json.mapper().convertValue(event, Map.class)));
        after.put(stepId, json);
        params.put(AFTER, after);
        return params;
    }

    /**
     * The events {@code fence} carries for after step {@code stepId}; none when it carries none.
     *
     * @throws IllegalArgumentException when they are there but are not application events
     */
    public static List<ApplicationEvent> after(StepCommand fence, String stepId) {
        if (!(fence.params().get(AFTER) instanceof Map<?, ?> after) || !(after.get(stepId) instanceof List<?> events)) {
            return List.of();
        }
        List<ApplicationEvent> parsed = new ArrayList<>();
        for (Object event : events) {
            parsed.add(Json.mapper().convertValue(event, ApplicationEvent.class));
        }
        return parsed;
    }

    /** {@code event} as published now: the same id, the time of publication. */
    public static ApplicationEvent sentNow(ApplicationEvent event, Clock clock) {
        return new ApplicationEvent(event.eventId(), event.planId(), clock.instant(), event.schemaVersion(), event.kind(),
                event.application(), event.fencingEpoch(), event.source(), event.target());
    }
}
