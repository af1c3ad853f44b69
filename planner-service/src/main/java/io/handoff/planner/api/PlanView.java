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
 * A plan as {@code GET /plans/{id}} shows it: its phases, every step with its state, times and facts,
 * the fencing epoch its commands carry, and the cleanup STOP_MONITOR sent when the prepare phase failed
 * after the monitor started ({@code cleanup}, null otherwise), and the steps cutover-service ran as one FENCE command
 * each ({@code fences}), with how long each took.
 */
public record PlanView(String id, String name, String source, String target, String order, String status,
        String reason, Instant submittedAt, Instant finishedAt, List<StepView> steps, StepView rollback,
        String flipBackOf, String flippedBackBy, StepView pointOfNoReturn, Instant pointOfNoReturnAt, String submittedBy,
        java.util.Set<String> approvals, long fencingEpoch, List<String> phases, StepView cleanup, List<FenceView> fences) {

    /** Who runs a step the planner decides itself (WAIT_CAUGHT_UP, CHECK_HEALTH): no command is sent. */
    static final String PLANNER = "PLANNER";

    /**
     * One step. {@code durationMs} runs from scheduling to the executor's confirmation (for a step the
     * planner decides, from the start of its wait to its confirmation; for a step of a FENCE command after its first,
     * from the executor's start, which comes before the planner schedules it); {@code phase}: prepare or flip.
     */
    public record StepView(String stepId, String type, String executor, String state, Integer attempt,
            Map<String, Object> params, Instant scheduledAt, Instant startedAt, Instant finishedAt, Long durationMs,
            Map<String, Object> facts, Failure failure, String phase) {

        /** Facts without the executors' bookkeeping (keys starting with '_', see executor-kit's LedgerFacts). */
        static Map<String, Object> shown(Map<String, Object> facts) {
            Map<String, Object> shown = new java.util.LinkedHashMap<>(facts);
            shown.keySet().removeIf(key -> key.startsWith("_"));
            return shown;
        }

        static StepView of(PlannedStep planned) {
            return new StepView(planned.stepId(), planned.type().name(), executor(planned), "PENDING",
                    null, planned.params(), null, null, null, null, Map.of(), null, planned.phase().label());
        }

        static StepView of(StepRun step) {
            Instant from = step.scheduledAt() != null || !step.planned().decidedByPlanner() ? step.scheduledAt()
                    : step.waitingSince();
            if (from != null && step.startedAt() != null && step.startedAt().isBefore(from)) {
                from = step.startedAt(); // sent ahead in a FENCE command: cutover-service began it before the planner scheduled it
            }
            return new StepView(step.planned().stepId(), step.planned().type().name(),
                    executor(step.planned()), step.state().name(),
                    step.command() == null ? null : step.command().attempt(),
                    step.command() == null ? step.planned().params() : step.command().params(),
                    step.scheduledAt(), step.startedAt(), step.finishedAt(),
                    from == null || step.finishedAt() == null ? null : Duration.between(from, step.finishedAt()).toMillis(),
                    shown(step.facts()), step.failure(), step.planned().phase().label());
        }

        private static String executor(PlannedStep planned) {
            return planned.decidedByPlanner() ? PLANNER : planned.type().executor().name();
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
                run.pointOfNoReturnAt(), run.submittedBy(), run.approvals(), run.fencingEpoch(),
                run.plan().phases().stream().map(io.handoff.planner.plan.Phase::label).toList(),
                run.cleanup().scheduledAt() == null ? null : StepView.of(run.cleanup()),
                run.fences().stream().map(ids -> FenceView.of(run, ids)).toList());
    }

    /**
     * Steps sent as one FENCE command: their ids, the first one's start (the executor's, else its scheduling), the last
     * confirmation among them, and {@code totalMs} between the two once every step of the fence succeeded.
     */
    public record FenceView(List<String> stepIds, Instant startedAt, Instant finishedAt, Long totalMs) {

        static FenceView of(PlanRun run, List<String> ids) {
            List<StepRun> steps = ids.stream().map(id -> run.steps().stream().filter(s -> s.planned().stepId().equals(id))
                    .findFirst().orElseThrow()).toList();
            StepRun first = steps.get(0);
            Instant started = first.startedAt() != null ? first.startedAt() : first.scheduledAt();
            boolean done = steps.stream().allMatch(s -> s.state() == io.handoff.planner.plan.StepState.SUCCEEDED);
            Instant finished = done ? steps.stream().map(StepRun::finishedAt).max(Instant::compareTo).orElse(null) : null;
            return new FenceView(ids, started, finished,
                    started == null || finished == null ? null : Duration.between(started, finished).toMillis());
        }
    }
}
