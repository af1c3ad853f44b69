package io.handoff.common.event;

import io.handoff.common.json.Json;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link ApplicationEvent}s a {@link StepType#FENCE} command carries, to be published by cutover-service at a
 * moment only it knows: the applications' FENCE_STARTED right before the old master's READ_ONLY runs (a repeat: the
 * planner tells them with the command, so that no transaction starts in the last Kafka hop before the fence), and their
 * MASTER_WRITABLE the moment the new master's WRITABLE succeeded (one Kafka hop after it instead
 * of a round trip through the planner, so the applications that follow events are the first to write to the new
 * master). Best effort: the planner publishes its own copy when it sees the step's event; clients apply an event only
 * when it is newer than the last by {@code (fencingEpoch, kind)}, so the second copy changes nothing.
 */
public final class Announcements {
    /** The FENCE param: step id -&gt; the events to publish right before that step runs, as JSON objects. */
    public static final String BEFORE = "announceBefore";
    /** The FENCE param: step id -&gt; the events to publish once that step succeeded, as JSON objects. */
    public static final String AFTER = "announceAfter";

    private Announcements() {
    }

    /** {@code fenceParams} with {@code events} to publish right before step {@code stepId} runs. */
    public static Map<String, Object> attachBefore(Map<String, Object> fenceParams, String stepId,
            List<ApplicationEvent> events) {
        return attach(fenceParams, BEFORE, stepId, events);
    }

    /** {@code fenceParams} with {@code events} to publish after step {@code stepId} succeeded. */
    public static Map<String, Object> attach(Map<String, Object> fenceParams, String stepId, List<ApplicationEvent> events) {
        return attach(fenceParams, AFTER, stepId, events);
    }

    /**
     * The events {@code fence} carries for right before step {@code stepId}; none when it carries none.
     *
     * @throws IllegalArgumentException when they are there but are not application events
     */
    public static List<ApplicationEvent> before(StepCommand fence, String stepId) {
        return read(fence, BEFORE, stepId);
    }

    /**
     * The events {@code fence} carries for after step {@code stepId}; none when it carries none.
     *
     * @throws IllegalArgumentException when they are there but are not application events
     */
    public static List<ApplicationEvent> after(StepCommand fence, String stepId) {
        return read(fence, AFTER, stepId);
    }

    /** {@code event} as published now: the same id, the time of publication. */
    public static ApplicationEvent sentNow(ApplicationEvent event, Clock clock) {
        return new ApplicationEvent(event.eventId(), event.planId(), clock.instant(), event.schemaVersion(), event.kind(),
                event.application(), event.fencingEpoch(), event.source(), event.target());
    }

    private static Map<String, Object> attach(Map<String, Object> fenceParams, String key, String stepId,
            List<ApplicationEvent> events) {
        Map<String, Object> params = new LinkedHashMap<>(fenceParams);
        Map<String, Object> byStep = new LinkedHashMap<>();
        if (params.get(key) instanceof Map<?, ?> existing) {
            existing.forEach((step, list) -> byStep.put(step.toString(), list));
        }
        List<Object> json = new ArrayList<>();
        events.forEach(event -> json.add(Json.mapper().convertValue(event, Map.class)));
        byStep.put(stepId, json);
        params.put(key, byStep);
        return params;
    }

    private static List<ApplicationEvent> read(StepCommand fence, String key, String stepId) {
        if (!(fence.params().get(key) instanceof Map<?, ?> byStep) || !(byStep.get(stepId) instanceof List<?> events)) {
            return List.of();
        }
        List<ApplicationEvent> parsed = new ArrayList<>();
        for (Object event : events) {
            parsed.add(Json.mapper().convertValue(event, ApplicationEvent.class));
        }
        return parsed;
    }
}
