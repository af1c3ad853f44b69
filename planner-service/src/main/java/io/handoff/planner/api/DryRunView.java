package io.handoff.planner.api;

import io.handoff.planner.plan.PlanCompiler;
import java.util.List;

/**
 * What {@code POST /plans?dryRun=true} answers for a valid plan: the steps it would run, in order,
 * and the rollback used if a step before the DNS switch fails. Nothing was started or sent.
 */
public record DryRunView(boolean valid, List<PlanView.StepView> steps, PlanView.StepView rollback) {

    static DryRunView of(PlanCompiler.Compiled compiled) {
        return new DryRunView(true, compiled.steps().stream().map(PlanView.StepView::of).toList(),
                PlanView.StepView.of(compiled.rollback()));
    }
}
