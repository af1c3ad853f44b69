package io.handoff.planner.metrics;

import io.handoff.common.event.StepType;
import io.handoff.planner.plan.PlanRun;
import io.handoff.planner.plan.StepRun;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * {@value #WRITE_BLOCKED} (Prometheus {@code handoff_flip_write_blocked_seconds}, tagged with the flip
 * {@code order}): for each completed flip, from the old master's READ_ONLY confirmed to the moment the
 * applications can write again, i.e. the later of WRITABLE on the new master and the last DNS switch
 * confirmed. Recorded when the plan completes, by the planner that decided it (never on a replay).
 */
@ApplicationScoped
public class FlipMetrics {
    public static final String WRITE_BLOCKED = "handoff.flip.write.blocked";
    private static final Set<StepType> WRITES_RESUME = Set.of(StepType.WRITABLE, StepType.SWITCH_DNS, StepType.FLIP_BACK);

    private final MeterRegistry registry;

    public FlipMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void completed(PlanRun run) {
        writeBlocked(run).ifPresent(window -> Timer.builder(WRITE_BLOCKED)
                .description("Old master read-only to writes possible again (new master writable and DNS switched)")
                .tag("order", run.plan().order().label())
                .publishPercentileHistogram()
                .register(registry)
                .record(window));
    }

    /** The window of a completed flip, when both of its ends were confirmed. */
    public static Optional<Duration> writeBlocked(PlanRun run) {
        Optional<Instant> fenced = run.steps().stream()
                .filter(step -> step.planned().type() == StepType.READ_ONLY && step.finishedAt() != null)
                .map(StepRun::finishedAt).min(Instant::compareTo);
        Optional<Instant> resumed = run.steps().stream()
                .filter(step -> WRITES_RESUME.contains(step.planned().type()) && step.finishedAt() != null)
                .map(StepRun::finishedAt).max(Instant::compareTo);
        if (fenced.isEmpty() || resumed.isEmpty() || resumed.get().isBefore(fenced.get())) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(fenced.get(), resumed.get()));
    }
}
