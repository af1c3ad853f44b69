package io.handoff.planner.api;

import io.handoff.common.event.Failure;
import io.handoff.planner.plan.PlanRun;
import io.handoff.planner.plan.PlannedStep;
import io.handoff.planner.plan.StepRun;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A plan as {@code GET /plans/{id}} shows it: every step with its state, times and facts, and the
 * fencing epoch its commands carry.
 */
public record PlanView(String id, String name, String source, String target, String order, String status,
        String reason, Instant submittedAt, Instant finishedAt, List<StepView> steps, StepView rollback,
        String flipBackOf, String flippedBackBy, StepView pointOfNoReturn, Instant pointOfNoReturnAt, String submittedBy,
        java.util.Set<String> approvals, long fencingEpoch) {

    /** One step. {@code durationMs} runs from scheduling to the executor's confirmation. */
    public record StepView(String stepId, String type, String executor, String state, Integer attempt,
            Map<String, Object> params, Instant scheduledAt, Instant startedAt, Instant finishedAt, Long durationMs,
            Map<String, Object> facts, Failure failure) {

        /** Facts without the executors' bookkeeping (keys starting with '_', see executor-kit's LedgerFacts). */
        static Map<String, Object> shown(Map<String, Object> facts) {
            Map<String, Object> shown = new java.util.LinkedHashMap<>(facts);
            shown.keySet().removeIf(key -> key.startsWith("_"));
            return shown;
        }

        static StepView of(PlannedStep planned) {
            return new StepView(planned.stepId(), planned.type().name(), planned.type().executor().name(), "PENDING",
                    null, planned.params(), null, null, null, null, Map.of(), null);
        }

        static StepView of(StepRun step) {
            return new StepView(step.planned().stepId(), step.planned().type().name(),
                    step.planned().type().executor().name(), step.state().name(),
                    step.command() == null ? null : step.command().attempt(),
                    step.command() == null ? step.planned().params() : step.command().params(),
                    step.scheduledAt(), step.startedAt(), step.finishedAt(),
                    step.scheduledAt() == null || step.finishedAt() == null ? null
                            : Duration.between(step.scheduledAt(), step.finishedAt()).toMillis(),
                    shown(step.facts()), step.failure());
        }
    }

    /** Reads {@code run}; the caller holds its monitor. */
    static PlanView of(PlanRun run) {
        return new PlanView(run.id(), run.plan().name(), run.plan().source(), run.plan().target(),
                run.plan().order().label(), run.status().name(), run.reason(), run.submittedAt(), run.finishedAt(),
                run.steps().stream().map(StepView::of).toList(),
                run.rollback().scheduledAt() == null ? null : StepView.of(run.rollback()),
                run.flipBackOf(), run.flippedBackBy(),
                run.pointOfNoReturn().scheduledAt() == null ? null : StepView.of(run.pointOfNoReturn()),
                run.pointOfNoReturnAt(), run.submittedBy(), run.approvals(), run.fencingEpoch());
    }
}
