package io.handoff.planner.plan;

/**
 * What must hold before a step goes on: before READ_ONLY of the flip, the lag gate, the maintenance
 * window and an operator's approval; before the after phase's point of no return, the operator's
 * approval; for WAIT_CAUGHT_UP, the lag staying low for a while
 * ({@code caughtUp}). Each may be absent.
 */
public record StepGate(FlipPlan.LagGate lag, FlipPlan.Window window, String approval, FlipPlan.CaughtUp caughtUp) {
    /** The approval READ_ONLY waits for when the plan lists it. */
    public static final String FLIP_APPROVAL = "flip";
    /** The approval the after phase's point of no return waits for. */
    public static final String POINT_OF_NO_RETURN_APPROVAL = "point-of-no-return";

    /** The gate of the after phase's point of no return: the operator's approval. */
    static StepGate pointOfNoReturn() {
        return new StepGate(null, null, POINT_OF_NO_RETURN_APPROVAL, null);
    }

    /** The gate of the flip's READ_ONLY(A), or null when the plan asks for none. */
    static StepGate readOnly(FlipPlan plan) {
        String approval = plan.approvals().contains(FLIP_APPROVAL) ? FLIP_APPROVAL : null;
        if (plan.lagGate() == null && plan.window() == null && approval == null) {
            return null;
        }
        return new StepGate(plan.lagGate(), plan.window(), approval, null);
    }

    /** The gate of WAIT_CAUGHT_UP. */
    static StepGate caughtUp(FlipPlan.CaughtUp caughtUp) {
        return new StepGate(null, null, null, caughtUp);
    }
}
