package io.handoff.planner.api;

import io.handoff.planner.plan.FlipPlan;
import io.handoff.planner.plan.Phase;
import io.handoff.planner.plan.PlanCompiler;
import java.util.List;

/**
 * What {@code POST /plans?dryRun=true} answers for a valid plan: its phases, the steps it would run, in
 * order (prepare steps first, each with its phase and params), and the rollback used if a step of the
 * flip before the DNS switch fails. Nothing was started or sent. An invalid plan gets 400 instead,
 * naming every finding.
 */
public record DryRunView(boolean valid, List<String> phases, List<PlanView.StepView> steps, PlanView.StepView rollback) {

    static DryRunView of(FlipPlan plan, PlanCompiler.Compiled compiled) {
        return new DryRunView(true, plan.phases().stream().map(Phase::label).toList(),
                compiled.steps().stream().map(PlanView.StepView::of).toList(),
                plan.flips() ? PlanView.StepView.of(compiled.rollback()) : null);
    }
}
