package io.handoff.kit.steps;

import io.handoff.common.event.Failure;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Runs a consumed command with the service's {@link StepHandler}s and reports it: STARTED, then
 * SUCCEEDED or FAILED on {@code handoff.step-events}. A command id already completed here is answered
 * with the remembered report and not run again. Called on the consuming worker thread; the caller
 * acknowledges the command only after this returns, so a crash before the report redelivers it.
 */
@ApplicationScoped
public class CommandRunner {
    private static final Logger LOG = Logger.getLogger(CommandRunner.class);

    private final Map<StepType, StepHandler> handlers = new EnumMap<>(StepType.class);
    private final StepEventPublisher publisher;
    private final CompletedCommands completed;
    private final Clock clock = Clock.systemUTC();

    public CommandRunner(Instance<StepHandler> handlers, StepEventPublisher publisher, CompletedCommands completed) {
        for (StepHandler handler : handlers) {
            StepHandler previous = this.handlers.put(handler.type(), handler);
            if (previous != null) {
                throw new IllegalStateException("two handlers for " + handler.type() + ": "
                        + previous.getClass().getName() + " and " + handler.getClass().getName());
            }
        }
        this.publisher = publisher;
        this.completed = completed;
    }

    /** Runs (or re-reports) {@code command}; returns the terminal event published. */
    public StepEvent run(StepCommand command) {
        MDC.put("planId", command.planId());
        MDC.put("stepId", command.stepId());
        try {
            Optional<StepEvent> earlier = completed.find(command.commandId());
            if (earlier.isPresent()) {
                LOG.infof("%s %s already ran here (command %s): reporting the same outcome again",
                        command.type(), command.stepId(), command.commandId());
                publisher.publish(earlier.get());
                return earlier.get();
            }
            publisher.publish(StepEvent.started(command, clock));
            StepEvent outcome = execute(command);
            publisher.publish(outcome);
            completed.remember(outcome);
            return outcome;
        } finally {
            MDC.remove("planId");
            MDC.remove("stepId");
        }
    }

    private StepEvent execute(StepCommand command) {
        StepHandler handler = handlers.get(command.type());
        if (handler == null) {
            return StepEvent.failed(command, Failure.terminal("this service has no handler for " + command.type(),
                    "nothing was changed"), Map.of(), clock);
        }
        long start = System.nanoTime();
        try {
            Map<String, Object> facts = handler.execute(command);
            LOG.infof("%s succeeded in %d ms: %s", command.type(), (System.nanoTime() - start) / 1_000_000, facts);
            return StepEvent.succeeded(command, facts, clock);
        } catch (StepFailedException e) {
            LOG.warnf("%s failed (%s): %s; state: %s", command.type(), e.failure().retryable() ? "retryable" : "terminal",
                    e.getMessage(), e.failure().recoverableState());
            return StepEvent.failed(command, e.failure(), e.facts(), clock);
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s failed unexpectedly", command.type());
            return StepEvent.failed(command, Failure.terminal(command.type() + " failed unexpectedly: " + e,
                    "unknown: inspect the servers before going on"), Map.of(), clock);
        }
    }
}
