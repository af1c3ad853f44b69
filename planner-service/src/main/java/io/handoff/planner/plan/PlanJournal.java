package io.handoff.planner.plan;

import io.handoff.common.event.PlanEvent;
import io.handoff.common.event.PlanEventKind;
import java.time.Clock;
import java.util.Map;

/**
 * Where the orchestrator's decisions are written: a plan event is folded into the {@link PlanRegistry} at once (the
 * decision goes on from the new state) and written to the action's {@link PlanOutbox}, which the caller commits in
 * one Kafka transaction. {@link PlanFold} is the only writer of a plan's state; this is its only caller.
 */
final class PlanJournal {
    private final PlanRegistry registry;
    private final PlanFold fold = new PlanFold();
    private final Clock clock;

    PlanJournal(PlanRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** Folds one event read back from {@code handoff.plans}: nothing is written. */
    void replay(PlanEvent event) {
        fold.apply(registry, event);
    }

    /** Writes and folds an event of {@code run} (about its step {@code stepId}, or the whole plan when null). */
    void publish(PlanRun run, PlanEventKind kind, String stepId, Map<String, ?> details, PlanOutbox out) {
        publish(run.id(), kind, stepId, details, out);
    }

    /** Writes and folds an event of the plan {@code planId}, which may not be in the registry yet (SUBMITTED). */
    void publish(String planId, PlanEventKind kind, String stepId, Map<String, ?> details, PlanOutbox out) {
        PlanEvent event = PlanEvent.of(planId, kind, stepId, details, clock);
        fold.apply(registry, event);
        out.publish(event);
    }
}
