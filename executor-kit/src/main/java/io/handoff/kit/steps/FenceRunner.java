package io.handoff.kit.steps;

import io.handoff.common.event.Failure;
import io.handoff.common.event.FenceSteps;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Runs a {@link io.handoff.common.event.StepType#FENCE} command: its steps one after the other on this thread, each
 * as the command it stands for ({@link FenceSteps#command}) through the {@link CommandRunner}, so that each is
 * deduplicated, fenced by epoch and reported by its own STARTED and SUCCEEDED or FAILED events. The first step
 * that does not succeed ends the fence: the later ones are not run, and the planner decides from that step's
 * failure (a retry, or a rollback before the new master is writable).
 *
 * <p>Acknowledgements: the first step's events are each acknowledged by Kafka before it goes on, as any command's;
 * its STARTED event makes the plan's fencing epoch durable for both clusters of the flip (the fence begins with the
 * old master's READ_ONLY, which names the new master too, or follows a fence that did). The later steps' events are
 * sent in order as they happen and acknowledged together at the end ({@link StepEventPublisher#acknowledgedTogether}):
 * no Kafka round trip between two SQL steps inside the write-blocked window. The FENCE command is acknowledged only
 * after that, so a crash before loses no step: the redelivered fence runs again what was not reported.
 *
 * <p>Redelivery: a fence redelivered after a crash runs again from its first step; the steps that completed before
 * the crash are answered from the ledger (their remembered outcome, their handler not called), the step that was
 * running runs again (handlers converge) and the fence goes on from there.
 */
@ApplicationScoped
public class FenceRunner {
    private static final Logger LOG = Logger.getLogger(FenceRunner.class);

    private final CommandRunner runner;
    private final StepEventPublisher publisher;
    private final Clock clock = Clock.systemUTC();

    public FenceRunner(CommandRunner runner, StepEventPublisher publisher) {
        this.runner = runner;
        this.publisher = publisher;
    }

    /** Runs {@code fence}'s steps until one does not succeed; returns the terminal event of each step run. */
    public List<StepEvent> run(StepCommand fence) {
        return run(fence, FenceListener.NONE);
    }

    /** The same, telling {@code listener} on this thread before each step runs and after each step that succeeded. */
    public List<StepEvent> run(StepCommand fence, FenceListener listener) {
        List<FenceSteps.Step> steps = FenceSteps.of(fence);
        long start = System.nanoTime();
        Map<String, Map<String, Object>> facts = new HashMap<>();
        List<StepEvent> outcomes = new ArrayList<>();
        if (runStep(fence, steps.get(0), facts, outcomes, listener)) {
            publisher.acknowledgedTogether(() -> {
                for (FenceSteps.Step step : steps.subList(1, steps.size())) {
                    if (!runStep(fence, step, facts, outcomes, listener)) {
                        break;
                    }
                }
                return null;
            });
        }
        if (outcomes.size() < steps.size() || outcomes.get(outcomes.size() - 1).kind() != StepEventKind.SUCCEEDED) {
            StepEvent last = outcomes.get(outcomes.size() - 1);
            LOG.warnf("fence of %d steps stopped at %s (%s): the %d steps after it were not run", steps.size(),
                    last.stepId(), last.kind(), steps.size() - outcomes.size());
        } else {
            LOG.infof("fence of %d steps (%s .. %s) ran in %d ms", steps.size(), steps.get(0).stepId(),
                    steps.get(steps.size() - 1).stepId(), (System.nanoTime() - start) / 1_000_000);
        }
        return outcomes;
    }

    /** Runs one step; true when it succeeded and the fence goes on. */
    private boolean runStep(StepCommand fence, FenceSteps.Step step, Map<String, Map<String, Object>> facts,
            List<StepEvent> outcomes, FenceListener listener) {
        StepEvent outcome;
        try {
            StepCommand command = FenceSteps.command(fence, step, facts, clock);
            listener.starting(step);
            outcome = runner.run(command);
        } catch (IllegalStateException e) {
            outcome = unbound(fence, step, e);
        }
        outcomes.add(outcome);
        facts.put(step.stepId(), outcome.facts());
        if (outcome.kind() != StepEventKind.SUCCEEDED) {
            return false;
        }
        listener.succeeded(step, outcome);
        return true;
    }

    /** A step whose bound fact is missing fails without running: nothing was changed by it. */
    private StepEvent unbound(StepCommand fence, FenceSteps.Step step, IllegalStateException e) {
        StepCommand command = StepCommand.issue(fence.planId(), step.stepId(), step.type(), step.params(), step.attempt(),
                fence.deadline(), fence.fencingEpoch(), clock);
        StepEvent failed = StepEvent.failed(command, Failure.terminal(step.type() + " not run: " + e.getMessage(),
                "nothing was changed by this step"), Map.of(), clock);
        publisher.publish(failed);
        return failed;
    }
}
