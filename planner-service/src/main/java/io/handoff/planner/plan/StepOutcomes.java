package io.handoff.planner.plan;

import io.handoff.common.event.ApplicationEventKind;
import io.handoff.common.event.Failure;
import io.handoff.common.event.PlanEventKind;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepType;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What an executor's report does to its plan. A confirmed step lets the plan go on (a VERIFY of the prepare phase only
 * when its drift is allowed); a failure the executor marks retryable is tried again after a backoff, up to the
 * step's {@link RetryBudget}; any other failure ends the plan: FAILED in the prepare phase (nothing fenced), through
 * ROLLBACK before the DNS switch began, FAILED for the operator after it. Reports of other planners' plans, of
 * superseded attempts and redelivered reports (the command is no longer in flight) change nothing.
 */
final class StepOutcomes {
    private static final Logger LOG = Logger.getLogger(StepOutcomes.class);

    private final PlanRegistry registry;
    private final PlanJournal journal;
    private final PlanSequencer sequencer;
    private final RetryBudget budget;
    private final ApplicationAnnouncer applications;
    private final Clock clock;

    StepOutcomes(PlanRegistry registry, PlanJournal journal, PlanSequencer sequencer, RetryBudget budget,
            ApplicationAnnouncer applications, Clock clock) {
        this.registry = registry;
        this.journal = journal;
        this.sequencer = sequencer;
        this.budget = budget;
        this.applications = applications;
        this.clock = clock;
    }

    /** Handles one executor report. */
    void onStepEvent(StepEvent event, PlanOutbox out) {
        Optional<PlanRun> found = registry.find(event.planId());
        if (found.isEmpty()) {
            return;
        }
        PlanRun run = found.get();
        Optional<StepRun> inFlight = run.inFlight();
        if (inFlight.isEmpty() || !inFlight.get().command().commandId().equals(event.commandId())) {
            return;
        }
        StepRun step = inFlight.get();
        PlanLogContext.withPlan(run.id(), step.planned().stepId(), () -> {
            switch (event.kind()) {
                case STARTED -> {
                    if (step.state() == StepState.SCHEDULED) {
                        journal.publish(run, PlanEventKind.STEP_SCHEDULED, step.planned().stepId(), Map.of(PlanFold.COMMAND_ID,
                                event.commandId(), "attempt", event.attempt(), PlanFold.STARTED_AT, event.occurredAt()), out);
                    }
                }
                case PROGRESS -> {
                    synchronized (run) {
                        step.progress(event.facts());
                    }
                }
                case SUCCEEDED -> succeeded(run, step, event, out);
                case FAILED -> failed(run, step, event.failure(), event.facts(), event.occurredAt(), out);
            }
        });
    }

    private void succeeded(PlanRun run, StepRun step, StepEvent event, PlanOutbox out) {
        if (step.planned().type() == StepType.VERIFY && step.planned().phase() == Phase.PREPARE) {
            Optional<String> drift = DriftGate.refusedBecause(run.plan(), event.facts());
            if (drift.isPresent()) {
                sequencer.stopAtGate(run, step, "zero-drift", drift.get(), event.commandId(), event.facts(),
                        event.occurredAt(), out);
                return;
            }
        }
        journal.publish(run, PlanEventKind.STEP_CONFIRMED, step.planned().stepId(), Map.of(PlanFold.COMMAND_ID,
                event.commandId(), "attempt", event.attempt(), PlanFold.FACTS, event.facts(), PlanFold.AT, event.occurredAt()),
                out);
        if (step.planned().type() == StepType.WRITABLE) {
            applications.announce(run, ApplicationEventKind.MASTER_WRITABLE, out);
        }
        if (step == run.pointOfNoReturn()) {
            LOG.infof("plan '%s' is past its point of no return: reverse replication ended", run.plan().name());
            if (!run.pointOfNoReturnIsAStep()) {
                return;
            }
        }
        if (step == run.rollback()) {
            sequencer.end(run, PlanStatus.ROLLED_BACK, run.reason(), out);
            return;
        }
        if (step == run.cleanup()) {
            sequencer.finish(run, run.endsAs(), run.reason(), out);
            return;
        }
        sequencer.advance(run, out);
    }

    /**
     * {@code step} failed (reported by its executor, or not confirmed by its deadline): a retry when the failure is
     * retryable and the budget allows; otherwise the plan ends as this step's place in it says.
     */
    void failed(PlanRun run, StepRun step, Failure failure, Map<String, Object> facts, Instant at, PlanOutbox out) {
        String stepId = step.planned().stepId();
        int attempt = step.command() == null ? 1 : step.command().attempt();
        // The point of no return is re-declared by the operator, not retried by itself.
        int retries = budget.retries(run, step);
        boolean retry = failure.retryable() && step.command() != null && step != run.pointOfNoReturn()
                && attempt <= retries;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put(PlanFold.REASON, failure.reason());
        details.put(PlanFold.RETRYABLE, failure.retryable());
        details.put(PlanFold.STATE, String.valueOf(failure.recoverableState()));
        details.put("attempt", attempt);
        details.put(PlanFold.FACTS, facts);
        details.put(PlanFold.AT, at);
        if (step.command() != null) {
            details.put(PlanFold.COMMAND_ID, step.command().commandId());
        }
        Instant retryAt = clock.instant().plus(budget.backoff(attempt));
        if (retry) {
            details.put(PlanFold.RETRY_AT, retryAt);
            details.put(PlanFold.NEXT_ATTEMPT, attempt + 1);
        }
        journal.publish(run, PlanEventKind.STEP_FAILED, stepId, details, out);
        if (retry) {
            LOG.warnf("%s failed (retryable), attempt %d of %d, next at %s: %s", stepId, attempt, retries + 1,
                    retryAt, failure.reason());
            sequencer.retryIfDue(run, out);
        } else if (step == run.pointOfNoReturn()) {
            LOG.warnf("the point of no return was not reached (the plan stays flippable back; declare it again): %s",
                    failure.reason());
        } else if (step == run.cleanup()) {
            sequencer.finish(run, run.endsAs(), run.reason() + "; stopping the monitor failed too: " + failure.reason()
                    + " (state: " + failure.recoverableState() + ")", out);
        } else if (step == run.rollback()) {
            sequencer.end(run, PlanStatus.FAILED, "rollback failed: " + failure.reason() + "; state: "
                    + failure.recoverableState() + " (after: " + run.reason() + ")", out);
        } else if (step.planned().phase() == Phase.PREPARE) {
            sequencer.end(run, PlanStatus.FAILED, stepId + " failed: " + failure.reason() + "; state: "
                    + failure.recoverableState() + "; the flip had not started: nothing to roll back", out);
        } else if (!run.dnsSwitchStarted()) {
            String why = stepId + " failed: " + failure.reason();
            LOG.warnf("%s; rolling back (state: %s)", why, failure.recoverableState());
            sequencer.rollBack(run, why, out);
        } else {
            sequencer.end(run, PlanStatus.FAILED, stepId + " failed after the DNS switch began, so nothing was rolled back: "
                    + failure.reason() + "; state: " + failure.recoverableState(), out);
        }
    }
}
