package io.handoff.planner.messaging;

import io.handoff.common.event.PlanEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Hands this planner's plan events to live watchers ({@code GET /plans/{id}/events}) as they are
 * published; a watcher sees the events from the moment it subscribes. Thread-safe.
 */
@ApplicationScoped
public class PlanEventBroadcaster {
    private static final int BUFFER = 1024;

    private final BroadcastProcessor<PlanEvent> events = BroadcastProcessor.create();

    /** Called after the transaction that wrote the event committed. */
    public synchronized void emit(PlanEvent event) {
        events.onNext(event);
    }

    /**
     * The events of {@code planId} from now on. A slow watcher gets them buffered (up to a bound), so
     * that it never holds the orchestrator back.
     */
    public Multi<PlanEvent> of(String planId) {
        return events.filter(event -> event.planId().equals(planId)).onOverflow().buffer(BUFFER);
    }
}
