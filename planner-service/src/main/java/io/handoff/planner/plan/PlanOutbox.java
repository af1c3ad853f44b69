package io.handoff.planner.plan;

import io.handoff.common.event.ApplicationEvent;
import io.handoff.common.event.PlanEvent;
import io.handoff.common.event.StepCommand;

/**
 * What one orchestrator action writes: plan events for {@code handoff.plans}, step commands for the
 * executors and application events for the applications. Everything written to one outbox is committed in
 * one Kafka transaction (with the offset of the step event that caused it, if any), or not at all.
 */
public interface PlanOutbox {
    void publish(PlanEvent event);

    void send(StepCommand command);

    /** An event for {@code handoff.applications}, keyed by its application. */
    void announce(ApplicationEvent event);
}
