package io.handoff.monitor.steps;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
import io.handoff.common.event.StepType;
import io.handoff.common.step.MonitorFacts;
import io.handoff.common.step.StepContracts;
import io.handoff.common.step.StepParameters;
import io.handoff.kit.ledger.ExecutionLedger;
import io.handoff.kit.ledger.LedgerFacts;
import io.handoff.kit.steps.StepFailedException;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * A restarted monitor resumes the plans it was monitoring: once the executor ledger is rebuilt from
 * {@code handoff.step-events}, every plan whose latest succeeded START_MONITOR has no later succeeded
 * STOP_MONITOR is started again with the clusters and interval that START_MONITOR reported
 * ({@link MonitorFacts.StartMonitor}, decoded from its event), under the fencing epoch its event recorded
 * ({@link LedgerFacts}); the binlog tail resumes from the plan's stored offsets. Without this the planner, which
 * never re-sends a confirmed START_MONITOR, would wait on a lag gate that no sample ever opens. Runs once, on its own thread; publishes no step
 * event (the plan's START_MONITOR already succeeded); a plan that cannot be resumed is logged.
 */
@ApplicationScoped
public class MonitorResumer {
    private static final Logger LOG = Logger.getLogger(MonitorResumer.class);

    private final ExecutionLedger ledger;
    private final StartMonitorHandler start;
    private final Clock clock = Clock.systemUTC();

    public MonitorResumer(ExecutionLedger ledger, StartMonitorHandler start) {
        this.ledger = ledger;
        this.start = start;
    }

    void onStart(@Observes StartupEvent started) {
        Thread resume = new Thread(this::resumeAll, "monitor-resume");
        resume.setDaemon(true);
        resume.start();
    }

    private void resumeAll() {
        try {
            while (!ledger.awaitReady(Duration.ofSeconds(30))) {
                LOG.info("resuming monitors waits for the executor ledger to be rebuilt");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        for (StepEvent last : stillMonitored(ledger.completed(StepType.START_MONITOR), ledger.completed(StepType.STOP_MONITOR))) {
            resume(last);
        }
    }

    /** Per plan, the latest succeeded START_MONITOR that no succeeded STOP_MONITOR followed. */
    static List<StepEvent> stillMonitored(List<StepEvent> starts, List<StepEvent> stops) {
        Map<String, StepEvent> latest = new LinkedHashMap<>();
        Stream.concat(starts.stream(), stops.stream())
                .filter(event -> event.kind() == StepEventKind.SUCCEEDED)
                .sorted(Comparator.comparing(StepEvent::occurredAt))
                .forEach(event -> latest.put(event.planId(), event));
        return latest.values().stream().filter(starts::contains).toList();
    }

    private void resume(StepEvent started) {
        MDC.put("planId", started.planId());
        Optional<StepCommand> again = Optional.empty();
        try {
            again = again(started, clock);
            if (again.isEmpty()) {
                LOG.warnf("cannot resume monitoring plan %s: its START_MONITOR report names no clusters", started.planId());
                return;
            }
            MonitorFacts.StartMonitor facts = start.execute(again.get());
            LOG.infof("resumed monitoring plan %s (%s <- %s): %s", started.planId(), facts.cluster(), facts.sourceCluster(),
                    facts);
        } catch (StepFailedException | RuntimeException e) {
            LOG.warnf("could not resume monitoring plan %s (%s): %s", started.planId(),
                    again.map(StepCommand::params).map(Object::toString).orElse("its START_MONITOR report"), e.getMessage());
        } finally {
            MDC.remove("planId");
        }
    }

    /**
     * The START_MONITOR that resumes the plan of {@code started}: the clusters and heartbeat interval it reported
     * (the step's part of its facts), its step and attempt, and the fencing epoch it applied (a ledger entry of the
     * same facts); empty when its facts name no clusters.
     *
     * @throws io.handoff.common.step.InvalidStepParametersException when a fact is not of its kind
     */
    static Optional<StepCommand> again(StepEvent started, Clock clock) {
        MonitorFacts.StartMonitor reported = StepContracts.decodeFacts(StepType.START_MONITOR, started.facts(),
                MonitorFacts.StartMonitor.class);
        if (reported.cluster() == null || reported.sourceCluster() == null) {
            return Optional.empty();
        }
        Map<String, Object> params = StepContracts.params(new StepParameters.StartMonitor(reported.cluster(),
                reported.sourceCluster(), reported.intervalMs(), null));
        Object epoch = started.facts().get(LedgerFacts.FENCING_EPOCH);
        return Optional.of(StepCommand.issue(started.planId(), started.stepId(), StepType.START_MONITOR, params,
                started.attempt(), Instant.now(clock).plus(Duration.ofMinutes(10)),
                epoch instanceof Number number ? number.longValue() : 0, clock));
    }
}
