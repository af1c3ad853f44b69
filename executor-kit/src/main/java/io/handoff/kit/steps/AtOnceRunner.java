package io.handoff.kit.steps;

import io.handoff.common.event.FenceSteps;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Runs a {@link io.handoff.common.event.StepType#DNS_SWITCHES} command: its steps (each application's switch) at once,
 * each as the command it stands for through {@link CommandRunner#runAtOnce}, so that each is deduplicated, fenced by
 * epoch and reported by its own STARTED and SUCCEEDED or FAILED events, published in the plan's order (the planner
 * follows them one after the other). Their events are acknowledged together before the command is; a redelivered
 * command answers the steps that ended from the ledger and runs the others again (their handlers converge).
 */
@ApplicationScoped
public class AtOnceRunner {
    private static final Logger LOG = Logger.getLogger(AtOnceRunner.class);
    private static final int THREADS = 8;

    private final CommandRunner runner;
    private final StepEventPublisher publisher;
    private final ExecutorService pool;
    private final Clock clock = Clock.systemUTC();

    public AtOnceRunner(CommandRunner runner, StepEventPublisher publisher) {
        this.runner = runner;
        this.publisher = publisher;
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "steps-at-once-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs {@code command}'s steps at once; returns the terminal event of each, in order. */
    public List<StepEvent> run(StepCommand command) {
        List<StepCommand> steps = FenceSteps.of(command).stream()
                .map(step -> FenceSteps.command(command, step, Map.of(), clock)).toList();
        long start = System.nanoTime();
        List<StepEvent> outcomes = publisher.acknowledgedTogether(() -> runner.runAtOnce(steps, pool));
        LOG.infof("%d steps at once (%s .. %s) ran in %d ms", steps.size(), steps.get(0).stepId(),
                steps.get(steps.size() - 1).stepId(), (System.nanoTime() - start) / 1_000_000);
        return outcomes;
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
