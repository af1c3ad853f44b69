package io.handoff.kit.steps;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;

/**
 * {@value #STEP_DURATION}: how long each executed command took in its handler (Prometheus
 * {@code handoff_step_duration_seconds}), tagged with the step {@code type}, the {@code executor} and the
 * {@code outcome} ({@code succeeded}, {@code failed}, or {@code refused} for a stale fencing epoch).
 * Re-reported duplicates are not counted: they did no work.
 */
@ApplicationScoped
public class StepMetrics {
    public static final String STEP_DURATION = "handoff.step.duration";

    private final MeterRegistry registry;

    public StepMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(StepCommand command, StepEvent outcome, Duration took) {
        record(command, outcome.kind().name().toLowerCase(Locale.ROOT), took);
    }

    void refused(StepCommand command) {
        record(command, "refused", Duration.ZERO);
    }

    private void record(StepCommand command, String outcome, Duration took) {
        Timer.builder(STEP_DURATION)
                .description("Time a step's handler took on the executor")
                .tag("type", command.type().name())
                .tag("executor", command.executor().name().toLowerCase(Locale.ROOT))
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry)
                .record(took);
    }
}
