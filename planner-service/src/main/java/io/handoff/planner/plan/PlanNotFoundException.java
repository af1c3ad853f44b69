package io.handoff.planner.plan;

/** {@code GET /plans/{id}} of an unknown id. */
public class PlanNotFoundException extends RuntimeException {
    public PlanNotFoundException(String id) {
        super("no plan with id " + id);
    }
}
