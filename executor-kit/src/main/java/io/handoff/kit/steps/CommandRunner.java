package io.handoff.kit.steps;

import io.handoff.common.event.Failure;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepType;
import io.handoff.kit.ledger.ExecutionLedger;
import io.handoff.kit.ledger.FenceScope;
import io.handoff.common.step.StepContracts;
import io.handoff.kit.ledger.LedgerFacts;
import io.handoff.kit.ledger.ServerIdentities;
import io.handoff.kit.ledger.StaleEpoch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Runs a consumed command with the service's {@link StepHandler}s and reports it: STARTED, then
 * SUCCEEDED or FAILED on {@code handoff.step-events}. The one place where every executor (cutover,
 * DNS, monitor) applies, in this order:
 * <ol>
 *   <li>idempotency: a command id already completed (here, at another instance, or before a restart:
 *       the {@link ExecutionLedger} is rebuilt from the topic) is answered with the remembered report
 *       and not run again;</li>
 *   <li>fencing: a command whose fencing epoch is lower than one already applied to a
 *       {@link FenceScope scope} it touches is refused with a terminal FAILED event ("stale fencing epoch
 *       E &lt; applied F for cluster X; nothing was changed") and no STARTED event; its handler is not
 *       called. The scopes are the names the command gives and, where the service has {@link ServerIdentities},
 *       the identities of the servers behind its cluster names; a server that cannot be identified makes the
 *       command fail retryable without starting (the identity is needed to check it);</li>
 *   <li>otherwise the epoch counts as applied to its scopes, and the handler runs.</li>
 * </ol>
 * Events of admitted commands carry the {@link LedgerFacts reserved facts} that rebuild the ledger.
 *
 * <p>Called on the consuming worker thread, one command at a time; it waits until the ledger was
 * rebuilt before answering anything. The caller acknowledges the command only after this returns,
 * so a crash before the report redelivers it.
 */
@ApplicationScoped
public class CommandRunner {
    private static final Logger LOG = Logger.getLogger(CommandRunner.class);
    private static final Duration REBUILD_LOG_INTERVAL = Duration.ofSeconds(30);

    private final Map<StepType, StepHandler> handlers = new EnumMap<>(StepType.class);
    private final StepEventPublisher publisher;
    private final ExecutionLedger ledger;
    private final StepMetrics metrics;
    private final ServerIdentities identities;
    private final Failpoints failpoints;
    private final Clock clock = Clock.systemUTC();

    /** Without server identities: fencing by the names the commands give (tests of the runner alone). */
    public CommandRunner(Instance<StepHandler> handlers, StepEventPublisher publisher, ExecutionLedger ledger,
            StepMetrics metrics) {
        this(handlers, publisher, ledger, metrics, (ServerIdentities) null, Failpoints.none());
    }

    /** With the service's {@link ServerIdentities} bean when it has one (the cutover service does). */
    @Inject
    public CommandRunner(Instance<StepHandler> handlers, StepEventPublisher publisher, ExecutionLedger ledger,
            StepMetrics metrics, Instance<ServerIdentities> identities, Failpoints failpoints) {
        this(handlers, publisher, ledger, metrics, identities.isResolvable() ? identities.get() : null, failpoints);
    }

    /**
     * @param identities the servers behind cluster names, or null to fence by names only
     * @param failpoints where the drills pause this service to kill it
     */
    public CommandRunner(Instance<StepHandler> handlers, StepEventPublisher publisher, ExecutionLedger ledger,
            StepMetrics metrics, ServerIdentities identities, Failpoints failpoints) {
        this.identities = identities;
        this.failpoints = failpoints;
        for (StepHandler handler : handlers) {
            StepHandler previous = this.handlers.put(handler.type(), handler);
            if (previous != null) {
                throw new IllegalStateException("two handlers for " + handler.type() + ": "
                        + previous.getClass().getName() + " and " + handler.getClass().getName());
            }
        }
        this.publisher = publisher;
        this.ledger = ledger;
        this.metrics = metrics;
    }

    /** Runs (or re-reports, or refuses) {@code command}; returns the terminal event published. */
    public StepEvent run(StepCommand command) {
        return run(command, false, null);
    }

    /**
     * The same, its STARTED event acknowledged by Kafka before the handler runs even inside
     * {@link StepEventPublisher#acknowledgedTogether} (the first step of a fence, whose STARTED makes its fencing epoch
     * durable); its outcome is sent as the publisher's scope says.
     */
    public StepEvent runStartedDurable(StepCommand command) {
        return run(command, true, null);
    }

    /**
     * {@link #runStartedDurable}, its outcome held with the window's {@code events} instead of sent at once when its
     * handler converges after the window's steps ({@link StepHandler#convergesAfterTheLaterStepsOfItsFence}): the
     * first step of a prepared fence window, so that nothing is sent to Kafka between it and the window's steps. With
     * no {@code events} (null), as {@link #runStartedDurable(StepCommand)}.
     */
    StepEvent runStartedDurable(StepCommand command, WindowEvents events) {
        StepHandler handler = handlers.get(command.type());
        boolean held = events != null && handler != null && handler.convergesAfterTheLaterStepsOfItsFence();
        return run(command, true, held ? events : null);
    }

    /** @param heldWith the window whose events hold the outcome, or null to publish it at once */
    private StepEvent run(StepCommand command, boolean durableStart, WindowEvents heldWith) {
        MDC.put("planId", command.planId());
        MDC.put("stepId", command.stepId());
        try {
            Admission admission = admit(command, durableStart);
            if (admission.answer() != null) {
                return admission.answer();
            }
            long start = System.nanoTime();
            failpoints.reached(command, Failpoints.BEFORE);
            StepEvent outcome = execute(command);
            return finish(command, admission.scopes(), outcome, start, heldWith);
        } finally {
            MDC.remove("planId");
            MDC.remove("stepId");
        }
    }

    /**
     * Runs {@code commands} at once: each is admitted (or answered, or refused) in order on this thread as {@link #run}
     * does, the admitted ones' handlers then run in parallel on {@code pool}, and their outcomes are published in the
     * order of {@code commands}, each once it and every one before it ended; returns the terminal event of each. For
     * steps that touch disjoint things (the DNS records of different applications).
     */
    public List<StepEvent> runAtOnce(List<StepCommand> commands, ExecutorService pool) {
        long start = System.nanoTime();
        List<Admission> admissions = new ArrayList<>();
        List<Future<StepEvent>> running = new ArrayList<>();
        for (StepCommand command : commands) {
            MDC.put("planId", command.planId());
            MDC.put("stepId", command.stepId());
            Admission admission = admit(command, false);
            admissions.add(admission);
            running.add(admission.answer() != null ? null : pool.submit(() -> {
                MDC.put("planId", command.planId());
                MDC.put("stepId", command.stepId());
                try {
                    failpoints.reached(command, Failpoints.BEFORE);
                    return execute(command);
                } finally {
                    MDC.remove("planId");
                    MDC.remove("stepId");
                }
            }));
        }
        List<StepEvent> outcomes = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            StepCommand command = commands.get(i);
            MDC.put("planId", command.planId());
            MDC.put("stepId", command.stepId());
            Admission admission = admissions.get(i);
            outcomes.add(admission.answer() != null ? admission.answer()
                    : finish(command, admission.scopes(), outcome(command, running.get(i)), start, null));
        }
        MDC.remove("planId");
        MDC.remove("stepId");
        return outcomes;
    }

    /** A command admitted ahead of a fence's window, with its handler's prepared step. */
    public record Prepared(StepCommand command, List<FenceScope> scopes, PreparedStep step) {
    }

    /**
     * A prepared command that ran inside the window: its outcome as published.
     *
     * @param facts the facts its handler reported
     * @param nanos how long it ran
     */
    public record Ran(Prepared prepared, StepEvent outcome, Map<String, Object> facts, long nanos) {
        public boolean succeeded() {
            return outcome.kind() == io.handoff.common.event.StepEventKind.SUCCEEDED;
        }
    }

    /**
     * Admits {@code commands} (the steps of a fence's window, in order, which run once {@code before} succeeded) ahead of
     * the window and has each one's handler prepare it ({@link PreparingStepHandler}); empty, with nothing published, when any of them is not new here (the
     * ledger knows its outcome), cannot be identified or fenced, or cannot be prepared: the caller then runs them one by
     * one with {@link #run}, which answers, refuses or converges each as usual. Admission applies their fencing epoch,
     * the one the fence's first step applies to both servers anyway.
     */
    public Optional<List<Prepared>> prepare(List<StepCommand> before, List<StepCommand> commands) {
        awaitLedger(commands.get(0));
        List<StepCommand> earlier = new ArrayList<>(before);
        List<Prepared> prepared = new ArrayList<>();
        for (StepCommand command : commands) {
            if (!(handlers.get(command.type()) instanceof PreparingStepHandler handler)
                    || ledger.completed(command.commandId()).isPresent()) {
                return Optional.empty();
            }
            List<FenceScope> scopes;
            try {
                scopes = identities == null ? FenceScope.of(command) : FenceScope.of(command, identities);
            } catch (ServerIdentities.IdentityUnavailableException e) {
                return Optional.empty();
            }
            Optional<PreparedStep> step = handler.prepare(command, List.copyOf(earlier));
            if (step.isEmpty()) {
                LOG.debugf("%s %s cannot be prepared: the fence runs its steps one by one", command.type(), command.stepId());
                return Optional.empty();
            }
            prepared.add(new Prepared(command, scopes, step.get()));
            earlier.add(command);
        }
        for (Prepared step : prepared) {
            if (ledger.admit(step.command(), step.scopes()).isPresent()) {
                return Optional.empty();
            }
        }
        return Optional.of(prepared);
    }

    /**
     * Runs a prepared command inside the window, with the failpoints passed as {@link #run} passes them, and remembers its
     * outcome. Its STARTED event and outcome go to the window's {@code events}, which are flushed right away when the step
     * asks for it ({@link PreparedStep#sentBeforeTheNextStep}); its log line and metrics wait for {@link #report}.
     */
    Ran runPrepared(Prepared prepared, WindowEvents events) {
        StepCommand command = prepared.command();
        events.add(withFacts(StepEvent.started(command, clock), LedgerFacts.admitted(command, prepared.scopes(), Map.of())));
        long start = System.nanoTime();
        failpoints.reached(command, Failpoints.BEFORE);
        StepEvent outcome;
        try {
            outcome = StepEvent.succeeded(command, StepContracts.facts(prepared.step().run()), clock);
        } catch (StepFailedException e) {
            outcome = StepEvent.failed(command, e.failure(), StepContracts.facts(e.facts()), clock);
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s failed unexpectedly", command.type());
            outcome = StepEvent.failed(command, Failure.terminal(command.type() + " failed unexpectedly: " + e,
                    "unknown: inspect the servers before going on"), Map.of(), clock);
        }
        long nanos = System.nanoTime() - start;
        failpoints.reached(command, Failpoints.AFTER);
        StepEvent reported = withFacts(outcome, LedgerFacts.admitted(command, prepared.scopes(), outcome.facts()));
        events.add(reported);
        ledger.remember(reported);
        if (prepared.step().sentBeforeTheNextStep()) {
            events.flush();
        }
        return new Ran(prepared, reported, outcome.facts(), nanos);
    }

    /** After the window: logs the outcome of each prepared command that ran, as {@link #run} does, and records its metrics. */
    public void report(List<Ran> ran) {
        for (Ran step : ran) {
            StepCommand command = step.prepared().command();
            MDC.put("planId", command.planId());
            MDC.put("stepId", command.stepId());
            StepEvent outcome = step.outcome();
            if (step.succeeded()) {
                LOG.infof("%s succeeded in %d ms (prepared): %s", command.type(), step.nanos() / 1_000_000, step.facts());
            } else {
                LOG.warnf("%s failed (%s): %s; state: %s", command.type(), outcome.failure().retryable() ? "retryable" : "terminal",
                        outcome.failure().reason(), outcome.failure().recoverableState());
            }
            metrics.record(command, outcome, Duration.ofNanos(step.nanos()));
        }
        MDC.remove("planId");
        MDC.remove("stepId");
    }

    /** Admitted, with the scopes its epoch was applied to, or answered (a remembered or refusing event). */
    private record Admission(List<FenceScope> scopes, StepEvent answer) {
    }

    /**
     * Checks {@code command} against the ledger: a completed command is re-reported, an unidentifiable or stale one
     * refused; otherwise its epoch is applied to its scopes and STARTED is published.
     */
    private Admission admit(StepCommand command, boolean durableStart) {
        awaitLedger(command);
        Optional<StepEvent> earlier = ledger.completed(command.commandId());
        if (earlier.isPresent()) {
            LOG.infof("%s %s already ran here (command %s): reporting the same outcome again",
                    command.type(), command.stepId(), command.commandId());
            publisher.publish(earlier.get());
            return new Admission(List.of(), earlier.get());
        }
        List<FenceScope> scopes;
        try {
            scopes = identities == null ? FenceScope.of(command) : FenceScope.of(command, identities);
        } catch (ServerIdentities.IdentityUnavailableException e) {
            LOG.warnf("%s not admitted: %s", command.type(), e.getMessage());
            StepEvent unidentified = StepEvent.failed(command, Failure.transientFailure(command.type() + " not admitted: "
                    + e.getMessage() + "; its fencing epoch cannot be checked against the server's", "nothing was changed"),
                    LedgerFacts.refused(command, Map.of()), clock);
            publisher.publish(unidentified);
            metrics.refused(command);
            return new Admission(List.of(), unidentified);
        }
        Optional<StaleEpoch> stale = ledger.admit(command, scopes);
        if (stale.isPresent()) {
            LOG.warnf("%s refused: %s", command.type(), stale.get().reason());
            StepEvent refused = StepEvent.failed(command, Failure.terminal(stale.get().reason(), "nothing was changed"),
                    LedgerFacts.refused(command, Map.of()), clock);
            publisher.publish(refused);
            ledger.remember(refused);
            metrics.refused(command);
            return new Admission(List.of(), refused);
        }
        StepEvent started = withFacts(StepEvent.started(command, clock), LedgerFacts.admitted(command, scopes, Map.of()));
        if (durableStart) {
            publisher.publishAcknowledged(started);
        } else {
            publisher.publish(started);
        }
        return new Admission(scopes, null);
    }

    /**
     * Publishes (or holds with {@code heldWith}, when not null) and remembers the outcome of an admitted command that
     * ran.
     */
    private StepEvent finish(StepCommand command, List<FenceScope> scopes, StepEvent outcome, long start,
            WindowEvents heldWith) {
        failpoints.reached(command, Failpoints.AFTER);
        metrics.record(command, outcome, Duration.ofNanos(System.nanoTime() - start));
        StepEvent reported = withFacts(outcome, LedgerFacts.admitted(command, scopes, outcome.facts()));
        if (heldWith == null) {
            publisher.publish(reported);
        } else {
            heldWith.add(reported);
        }
        ledger.remember(reported);
        return reported;
    }

    private StepEvent outcome(StepCommand command, Future<StepEvent> running) {
        try {
            return running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + command.stepId() + " ran", e);
        } catch (ExecutionException e) {
            LOG.errorf(e.getCause(), "%s failed unexpectedly", command.type());
            return StepEvent.failed(command, Failure.terminal(command.type() + " failed unexpectedly: " + e.getCause(),
                    "unknown: inspect the servers before going on"), Map.of(), clock);
        }
    }

    private void awaitLedger(StepCommand command) {
        try {
            while (!ledger.awaitReady(REBUILD_LOG_INTERVAL)) {
                LOG.infof("%s waits: the executor ledger is still being rebuilt from the step events (%s)",
                        command.type(), ledger.describe());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the executor ledger", e);
        }
    }

    private static StepEvent withFacts(StepEvent event, Map<String, Object> facts) {
        return new StepEvent(event.eventId(), event.planId(), event.occurredAt(), event.schemaVersion(), event.stepId(),
                event.commandId(), event.attempt(), event.kind(), facts, event.failure());
    }

    private StepEvent execute(StepCommand command) {
        StepHandler handler = handlers.get(command.type());
        if (handler == null) {
            return StepEvent.failed(command, Failure.terminal("this service has no handler for " + command.type(),
                    "nothing was changed"), Map.of(), clock);
        }
        long start = System.nanoTime();
        try {
            Map<String, Object> facts = StepContracts.facts(handler.execute(command));
            LOG.infof("%s succeeded in %d ms: %s", command.type(), (System.nanoTime() - start) / 1_000_000, facts);
            return StepEvent.succeeded(command, facts, clock);
        } catch (StepFailedException e) {
            LOG.warnf("%s failed (%s): %s; state: %s", command.type(), e.failure().retryable() ? "retryable" : "terminal",
                    e.getMessage(), e.failure().recoverableState());
            return StepEvent.failed(command, e.failure(), StepContracts.facts(e.facts()), clock);
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s failed unexpectedly", command.type());
            return StepEvent.failed(command, Failure.terminal(command.type() + " failed unexpectedly: " + e,
                    "unknown: inspect the servers before going on"), Map.of(), clock);
        }
    }
}
