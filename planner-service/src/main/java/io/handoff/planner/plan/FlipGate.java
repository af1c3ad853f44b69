package io.handoff.planner.plan;

/**
 * What must hold before a step is sent (READ_ONLY of the flip): the lag gate, the maintenance window
 * and an operator's approval; each may be absent.
 */
public record FlipGate(FlipPlan.LagGate lag, FlipPlan.Window window, String approval) {
    /** The approval READ_ONLY waits for when the plan lists it. */
    public static final String FLIP_APPROVAL = "flip";

    /** The gate of {@code plan}, or null when the plan asks for none. */
    static FlipGate of(FlipPlan plan) {
        String approval = plan.approvals().contains(FLIP_APPROVAL) ? FLIP_APPROVAL : null;
        if (plan.lagGate() == null && plan.window() == null && approval == null) {
            return null;
        }
        return new FlipGate(plan.lagGate(), plan.window(), approval);
    }
}
