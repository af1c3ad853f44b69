package io.handoff.planner.plan;

import org.jboss.logging.MDC;

/** Names the plan and the step a decision is about in the log's MDC ({@code planId}, {@code stepId}) while it runs. */
final class PlanLogContext {
    private static final String PLAN_ID = "planId";
    private static final String STEP_ID = "stepId";

    private PlanLogContext() {
    }

    /** Runs {@code action} with {@code planId} and, when not null, {@code stepId} in the MDC; restores what was there. */
    static void withPlan(String planId, String stepId, Runnable action) {
        String previousPlan = (String) MDC.get(PLAN_ID);
        String previousStep = (String) MDC.get(STEP_ID);
        MDC.put(PLAN_ID, planId);
        if (stepId != null) {
            MDC.put(STEP_ID, stepId);
        }
        try {
            action.run();
        } finally {
            restore(PLAN_ID, previousPlan);
            restore(STEP_ID, previousStep);
        }
    }

    private static void restore(String key, String previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }
}
