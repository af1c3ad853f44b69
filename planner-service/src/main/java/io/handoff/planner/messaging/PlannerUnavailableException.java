package io.handoff.planner.messaging;

/** The planner cannot take the request now (replaying its log, recovering, or fenced): 503, try again. */
public class PlannerUnavailableException extends RuntimeException {
    public PlannerUnavailableException(String message) {
        super(message);
    }
}
