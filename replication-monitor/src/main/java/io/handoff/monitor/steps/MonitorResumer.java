package io.handoff.monitor.steps;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
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
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * A restarted monitor resumes the plans it was monitoring: once the executor ledger is rebuilt from
 * {@code handoff.step-events}, every plan whose latest succeeded START_MONITOR has no later succeeded
 * STOP_MONITOR is started again with that command's clusters and interval (the binlog tail resumes from
 * the plan's stored offsets). Without this the planner, which never re-sends a confirmed START_MONITOR,
 * would wait on a lag gate that no sample ever opens. Runs once, on its own thread; publishes no step
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
        Object cluster = started.facts().get(StepParams.CLUSTER);
        Object source = started.facts().get(StepParams.SOURCE_CLUSTER);
        MDC.put("planId", started.planId());
        try {
            if (cluster == null || source == null) {
                LOG.warnf("cannot resume monitoring plan %s: its START_MONITOR report names no clusters", started.planId());
                return;
            }
            Map<String, Object> params = new LinkedHashMap<>(Map.of(StepParams.CLUSTER, cluster, StepParams.SOURCE_CLUSTER, source));
            Object interval = started.facts().get(StepParams.INTERVAL_MS);
            if (interval != null) {
                params.put(StepParams.INTERVAL_MS, interval);
            }
            Object epoch = started.facts().get(LedgerFacts.FENCING_EPOCH);
            StepCommand again = StepCommand.issue(started.planId(), started.stepId(), StepType.START_MONITOR, params,
                    started.attempt(), Instant.now(clock).plus(Duration.ofMinutes(10)),
                    epoch instanceof Number number ? number.longValue() : 0, clock);
            Map<String, Object> facts = start.execute(again);
            LOG.infof("resumed monitoring plan %s (%s <- %s): %s", started.planId(), cluster, source, facts);
        } catch (StepFailedException | RuntimeException e) {
            LOG.warnf("could not resume monitoring plan %s (%s <- %s): %s", started.planId(), cluster, source, e.getMessage());
        } finally {
            MDC.remove("planId");
        }
    }
}
