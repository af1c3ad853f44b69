package io.handoff.planner.plan;

/** A plan refused because another active plan already flips one of its clusters (one flip at a time). */
public class PlanConflictException extends RuntimeException {
    public PlanConflictException(String message) {
        super(message);
    }
}
