package io.handoff.kit.steps;

import io.handoff.common.event.Failure;
import io.handoff.common.event.FenceSteps;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
import io.handoff.common.step.StepContracts;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jboss.logging.Logger;

/**
 * Runs a {@link io.handoff.common.event.StepType#FENCE} command: its steps one after the other on this thread, each
 * as the command it stands for ({@link FenceSteps#command}) through the {@link CommandRunner}, so that each is
 * deduplicated, fenced by epoch and reported by its own STARTED and SUCCEEDED or FAILED events. The first step
 * that does not succeed ends the fence: the later ones are not run, and the planner decides from that step's
 * failure (a retry, or a rollback before the new master is writable).
 *
 * <p>Acknowledgements: the first step's STARTED event is acknowledged by Kafka before its handler runs; it makes the
 * plan's fencing epoch durable for both clusters of the flip (the fence begins with the old master's READ_ONLY, which
 * names the new master too, or follows a fence that did). Every other event is sent without waiting and all are
 * acknowledged together at the end ({@link StepEventPublisher#acknowledgedTogether}): no Kafka round trip inside the
 * write-blocked window. The FENCE command is acknowledged only after that, so a crash before loses no step: the
 * redelivered fence runs again what was not reported.
 *
 * <p>Prepared window: before the first step runs, the steps after it are admitted and made ready by their handlers
 * ({@link PreparingStepHandler}: parameters parsed, the reads that need not be in the window done), when each of them
 * can be and none takes a fact of an earlier step. They then run back to back once the first step succeeded and their
 * events (stamped with the times they happened) are sent after the last one, and so is the first step's outcome when
 * that step, run again after them, converges ({@link StepHandler#convergesAfterTheLaterStepsOfItsFence}: the old
 * master's READ_ONLY), so that the window between the old master's READ_ONLY and the new master's WRITABLE holds their
 * statements and little else: no send wakes the producer, the broker and the services that read the events while the
 * servers work (on a small machine they took the CPU the servers' STOP SLAVE needed: 5-13 ms of it instead of 1-3 ms);
 * a crash inside it loses the events of steps that the redelivered fence runs again, converging. A window that lasts
 * longer than {@link WindowEvents#LIVE_AFTER} (WAIT_SYNC waiting for a replica that lags) sends what it held and then each event as
 * it comes, so that the plan shows the step that waits. The exception is a step whose outcome a
 * redelivery could not find again once a later step ran (CAPTURE_POSITION's position, before WRITABLE lets writes in):
 * its events, and those of the steps before it, are sent before the next step runs, as every step's were before the
 * window was prepared. Otherwise each step is admitted, run and reported in turn, as a command of its own. A prepared
 * window logs where its time went ({@link WindowTimes}).
 *
 * <p>Redelivery: a fence redelivered after a crash runs again from its first step; the steps that completed before
 * the crash are answered from the ledger (their remembered outcome, their handler not called), the step that was
 * running runs again (handlers converge) and the fence goes on from there.
 */
@ApplicationScoped
public class FenceRunner {
    private static final Logger LOG = Logger.getLogger(FenceRunner.class);
    /** Sends the events of a prepared window that lasts long ({@link WindowEvents}). */
    private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "fence-window-events");
        thread.setDaemon(true);
        return thread;
    });

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
        BoundFacts facts = new BoundFacts(steps);
        List<StepEvent> outcomes = new ArrayList<>();
        boolean[] prepared = new boolean[1];
        publisher.acknowledgedTogether(() -> {
            Optional<List<CommandRunner.Prepared>> window = prepare(fence, steps.get(0), steps.subList(1, steps.size()));
            prepared[0] = window.isPresent();
            if (window.isPresent()) {
                runWindow(fence, steps, window.get(), facts, outcomes, listener);
                return null;
            }
            if (!runStep(fence, steps.get(0), facts, outcomes, listener, null)) {
                return null;
            }
            for (FenceSteps.Step step : steps.subList(1, steps.size())) {
                if (!runStep(fence, step, facts, outcomes, listener, null)) {
                    break;
                }
            }
            return null;
        });
        if (outcomes.size() < steps.size() || outcomes.get(outcomes.size() - 1).kind() != StepEventKind.SUCCEEDED) {
            StepEvent last = outcomes.get(outcomes.size() - 1);
            LOG.warnf("fence of %d steps stopped at %s (%s): the %d steps after it were not run", steps.size(),
                    last.stepId(), last.kind(), steps.size() - outcomes.size());
        } else {
            LOG.infof("fence of %d steps (%s .. %s) ran in %d ms%s", steps.size(), steps.get(0).stepId(),
                    steps.get(steps.size() - 1).stepId(), (System.nanoTime() - start) / 1_000_000,
                    prepared[0] ? ", the steps after the first prepared before it" : "");
        }
        return outcomes;
    }

    /**
     * The steps after the first, admitted and prepared before the first runs ({@link CommandRunner#prepare}); empty when
     * there are none, one of them takes a fact of an earlier step (known only once that step ran), or one cannot be
     * prepared.
     */
    private Optional<List<CommandRunner.Prepared>> prepare(StepCommand fence, FenceSteps.Step first, List<FenceSteps.Step> rest) {
        if (rest.isEmpty() || rest.stream().anyMatch(step -> !step.bindings().isEmpty())) {
            return Optional.empty();
        }
        List<StepCommand> commands = rest.stream().map(step -> FenceSteps.command(fence, step, Map.of(), clock)).toList();
        StepCommand firstCommand;
        try {
            firstCommand = FenceSteps.command(fence, first, Map.of(), clock);
        } catch (IllegalStateException unbound) {
            return Optional.empty();
        }
        return runner.prepare(List.of(firstCommand), commands);
    }

    /**
     * The prepared steps back to back, until one does not succeed; the listener is told as for the other steps. Their
     * events are held until the last one ran ({@link WindowEvents}), but for a step that needs its own sent before the
     * next step runs ({@link PreparedStep#sentBeforeTheNextStep}: they go then, with those before it) and for a window
     * that lasts long (a step that waits: from then on they go as they come, so that the plan shows it).
     */
    private void runWindow(StepCommand fence, List<FenceSteps.Step> all, List<CommandRunner.Prepared> window,
            BoundFacts facts, List<StepEvent> outcomes, FenceListener listener) {
        FenceSteps.Step first = all.get(0);
        List<FenceSteps.Step> steps = all.subList(1, all.size());
        List<CommandRunner.Ran> ran = new ArrayList<>();
        WindowTimes times;
        try (WindowEvents events = new WindowEvents(publisher, SCHEDULER)) {
            if (!runStep(fence, first, facts, outcomes, listener, events)) {
                return;
            }
            long windowStart = System.nanoTime();
            for (int i = 0; i < window.size(); i++) {
                listener.starting(steps.get(i));
                CommandRunner.Ran step = runner.runPrepared(window.get(i), events);
                ran.add(step);
                if (!step.succeeded()) {
                    break;
                }
                listener.succeeded(steps.get(i), step.outcome());
            }
            times = new WindowTimes(first.stepId(), System.nanoTime() - windowStart, List.copyOf(ran));
        }
        ran.forEach(step -> outcomes.add(step.outcome()));
        runner.report(ran);
        LOG.info(times.describe());
    }

    /**
     * Runs one step; true when it succeeded and the fence goes on. The fence's first step, its STARTED acknowledged, may
     * hold its outcome with {@code window}'s events ({@link CommandRunner#runStartedDurable(StepCommand, WindowEvents)});
     * null: no prepared window follows it.
     */
    private boolean runStep(StepCommand fence, FenceSteps.Step step, BoundFacts facts,
            List<StepEvent> outcomes, FenceListener listener, WindowEvents window) {
        StepEvent outcome;
        try {
            StepCommand command = FenceSteps.command(fence, step, facts.byStep(), clock);
            listener.starting(step);
            outcome = outcomes.isEmpty() ? runner.runStartedDurable(command, window) : runner.run(command);
        } catch (IllegalStateException e) {
            outcome = unbound(fence, step, e);
        }
        outcomes.add(outcome);
        facts.reported(step, outcome);
        if (outcome.kind() != StepEventKind.SUCCEEDED) {
            return false;
        }
        listener.succeeded(step, outcome);
        return true;
    }

    /** A step whose bound fact is missing fails without running: nothing was changed by it. */
    private StepEvent unbound(StepCommand fence, FenceSteps.Step step, IllegalStateException e) {
        StepCommand command = StepCommand.issue(fence.planId(), step.stepId(), step.type(),
                StepContracts.params(step.params()), step.attempt(),
                fence.deadline(), fence.fencingEpoch(), clock);
        StepEvent failed = StepEvent.failed(command, Failure.terminal(step.type() + " not run: " + e.getMessage(),
                "nothing was changed by this step"), Map.of(), clock);
        publisher.publish(failed);
        return failed;
    }
}
