package io.handoff.planner.plan;

import io.handoff.common.event.Failure;
import io.handoff.common.event.PlanEvent;
import io.handoff.common.event.StepCommand;
import io.handoff.common.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The plans' state as the fold of their events on {@code handoff.plans}: {@link #apply} is the only
 * way a {@link PlanRun} changes, both live (the orchestrator applies each event it writes) and when a
 * restarted planner replays the topic. Each plan folds from its own events only (one partition, in
 * order); what links plans (flip back) is resolved whichever of them is folded first, since partitions
 * are replayed in no particular order between them. Pure apart from the registry it fills.
 *
 * <p>{@link io.handoff.common.event.PlanEventKind} has no kinds for an executor's start or the
 * operator's controls, so the details say which entry it is (the keys below are the log's vocabulary):
 * <ul>
 *   <li>SUBMITTED: {@value #PLAN} (the validated plan), {@value #EPOCH}, {@value #BY}, {@value #FLIP_BACK_OF};</li>
 *   <li>STEP_SCHEDULED: {@value #COMMAND} (the command sent, in the same transaction, or the one a FENCE
 *       command sent earlier stands for), with {@value #FENCE} and {@value #FENCE_COMMAND_ID} when it is the first
 *       step of a FENCE command; or {@value #WAITING_FOR}
 *       (held at its gate, nothing sent), or {@value #STARTED_AT} (the executor began {@value #COMMAND_ID});
 *       the rollback's and the cleanup's also {@value #REASON}, the cleanup's {@value #STATUS} (how the plan ends);</li>
 *   <li>STEP_CONFIRMED: {@value #COMMAND_ID}, {@value #FACTS}, {@value #AT};</li>
 *   <li>STEP_FAILED: {@value #REASON}, {@value #RETRYABLE}, {@value #STATE}, {@value #FACTS}, {@value #AT}, and
 *       {@value #RETRY_AT} with {@value #NEXT_ATTEMPT} when it is tried again;</li>
 *   <li>GATE_PASSED: {@value #APPROVAL}, or {@value #CONTROL} (pause, resume, abort), or {@value #GATE}, with {@value #BY};</li>
 *   <li>COMPLETED, ROLLED_BACK, ABORTED: {@value #STATUS} (ABORTED also ends FAILED plans) and {@value #REASON}.</li>
 * </ul>
 */
public final class PlanFold {
    private static final Logger LOG = Logger.getLogger(PlanFold.class);

    static final String PLAN = "plan";
    static final String EPOCH = "fencingEpoch";
    static final String BY = "by";
    static final String FLIP_BACK_OF = "flipBackOf";
    static final String COMMAND = "command";
    static final String COMMAND_ID = "commandId";
    /** STEP_SCHEDULED of a fence's first step: the ids of the steps sent after it in the same FENCE command. */
    static final String FENCE = "fence";
    /** STEP_SCHEDULED of a fence's first step: the FENCE command's id. */
    static final String FENCE_COMMAND_ID = "fenceCommandId";
    /** With {@value #FENCE}: the steps of the applications' switch whose first command the FENCE command carries. */
    static final String FOLLOW_UP = "followUp";
    static final String WAITING_FOR = "waitingFor";
    static final String STARTED_AT = "executorStartedAt";
    static final String FACTS = "facts";
    static final String AT = "at";
    static final String REASON = "reason";
    static final String RETRYABLE = "retryable";
    static final String STATE = "state";
    static final String RETRY_AT = "retryAt";
    static final String NEXT_ATTEMPT = "nextAttempt";
    static final String APPROVAL = "approval";
    static final String CONTROL = "control";
    static final String GATE = "gate";
    static final String STATUS = "status";

    static final String PAUSE = "pause";
    static final String RESUME = "resume";
    static final String ABORT = "abort";

    private final PlanCompiler compiler = new PlanCompiler();

    /** Applies {@code event} to the plans of {@code registry}; events of unknown plans (no SUBMITTED) are skipped. */
    public void apply(PlanRegistry registry, PlanEvent event) {
        Map<String, Object> d = event.details();
        if (event.kind() == io.handoff.common.event.PlanEventKind.SUBMITTED) {
            submitted(registry, event, d);
            return;
        }
        PlanRun run = registry.find(event.planId()).orElse(null);
        if (run == null) {
            LOG.warnf("plan event %s of unknown plan %s skipped", event.kind(), event.planId());
            return;
        }
        synchronized (run) {
            switch (event.kind()) {
                case SUBMITTED -> throw new IllegalStateException("handled above");
                case STEP_SCHEDULED -> scheduled(run, event, d);
                case STEP_CONFIRMED -> confirmed(run, event, d);
                case STEP_FAILED -> failed(run, event, d);
                case GATE_PASSED -> gatePassed(run, d);
                case COMPLETED -> run.finish(PlanStatus.COMPLETED, text(d, REASON), event.occurredAt());
                case ROLLED_BACK -> run.finish(PlanStatus.ROLLED_BACK, text(d, REASON), event.occurredAt());
                case ABORTED -> run.finish(PlanStatus.valueOf(d.getOrDefault(STATUS, PlanStatus.ABORTED.name()).toString()),
                        text(d, REASON), event.occurredAt());
            }
        }
    }

    private void submitted(PlanRegistry registry, PlanEvent event, Map<String, Object> d) {
        if (registry.find(event.planId()).isPresent()) {
            return;
        }
        FlipPlan plan = Json.mapper().convertValue(d.get(PLAN), FlipPlan.class);
        long epoch = ((Number) d.get(EPOCH)).longValue();
        PlanRun run = new PlanRun(event.planId(), plan, compiler.compile(plan), event.occurredAt(), text(d, FLIP_BACK_OF),
                text(d, BY), epoch);
        registry.put(run);
    }

    private static void scheduled(PlanRun run, PlanEvent event, Map<String, Object> d) {
        StepRun step = step(run, event);
        if (d.get(COMMAND) != null) {
            StepCommand command = Json.mapper().convertValue(d.get(COMMAND), StepCommand.class);
            step.scheduled(command, event.occurredAt());
            run.scheduledAhead(step.planned().stepId());
            if (d.get(FENCE) instanceof List<?> ahead) {
                run.sentAhead(ahead.stream().map(String::valueOf).toList());
                run.followUp(d.get(FOLLOW_UP) instanceof List<?> then ? then.stream().map(String::valueOf).toList() : List.of());
            }
            if (step == run.rollback()) {
                run.rollingBack(text(d, REASON));
            } else if (step == run.cleanup()) {
                run.cleaningUp(text(d, REASON), d.get(STATUS) == null ? null : PlanStatus.valueOf(d.get(STATUS).toString()));
            }
            if (run.retry() != null && run.retry().stepId().equals(step.planned().stepId())) {
                run.retry(null);
            }
        } else if (d.get(WAITING_FOR) != null) {
            step.waiting(event.occurredAt(), text(d, WAITING_FOR));
        } else if (d.get(STARTED_AT) != null && step.command() != null
                && step.command().commandId().equals(text(d, COMMAND_ID))) {
            step.started(Instant.parse(text(d, STARTED_AT)));
        }
    }

    private static void confirmed(PlanRun run, PlanEvent event, Map<String, Object> d) {
        StepRun step = step(run, event);
        Instant at = instant(d, event);
        step.succeeded(map(d.get(FACTS)), at);
        if (step == run.pointOfNoReturn()) {
            run.pointOfNoReturnReached(at);
        }
    }

    private static void failed(PlanRun run, PlanEvent event, Map<String, Object> d) {
        StepRun step = step(run, event);
        Object state = d.get(STATE);
        step.failed(new Failure(text(d, REASON), Boolean.TRUE.equals(d.get(RETRYABLE)),
                state == null || "null".equals(state) ? null : state.toString()), map(d.get(FACTS)), instant(d, event));
        run.fenceStopped();
        if (d.get(RETRY_AT) != null) {
            run.retry(new PlanRun.Retry(step.planned().stepId(), ((Number) d.get(NEXT_ATTEMPT)).intValue(),
                    Instant.parse(text(d, RETRY_AT))));
        }
    }

    private static void gatePassed(PlanRun run, Map<String, Object> d) {
        if (d.get(APPROVAL) != null) {
            run.approve(text(d, APPROVAL));
        }
        String control = text(d, CONTROL);
        if (PAUSE.equals(control)) {
            run.paused(true);
        } else if (RESUME.equals(control)) {
            run.paused(false);
        } else if (ABORT.equals(control)) {
            run.abortRequested(text(d, BY));
        }
    }

    private static StepRun step(PlanRun run, PlanEvent event) {
        return run.anyStep(event.stepId()).orElseThrow(() -> new IllegalStateException(
                "plan " + run.id() + " has no step " + event.stepId() + " (" + event.kind() + ")"));
    }

    private static Instant instant(Map<String, Object> d, PlanEvent event) {
        return d.get(AT) == null ? event.occurredAt() : Instant.parse(d.get(AT).toString());
    }

    private static String text(Map<String, Object> d, String key) {
        Object value = d.get(key);
        return value == null ? null : value.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
