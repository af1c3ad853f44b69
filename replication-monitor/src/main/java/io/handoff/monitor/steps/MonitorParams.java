package io.handoff.monitor.steps;

import io.handoff.common.cluster.ClusterRegistry;
import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.event.StepType;
import io.handoff.kit.steps.StepFailedException;
import io.handoff.kit.steps.StepParametersOf;
import java.time.Duration;

/**
 * Checks what a monitor command's parameters (decoded by {@link StepParametersOf}) say beyond their record: a named
 * cluster is registered, a duration is in range. A failure is terminal and changed nothing (a retry sends the same).
 */
final class MonitorParams {
    private static final String NOTHING_CHANGED = StepParametersOf.NOTHING_CHANGED;

    private MonitorParams() {
    }

    /** The registered cluster {@code name}, which the param {@code param} of a {@code step} named. */
    static ClusterSpec cluster(StepType step, String param, String name, ClusterRegistry registry) throws StepFailedException {
        return registry.find(name).orElseThrow(() -> StepFailedException.terminal(step + ": '" + param + "' names cluster '"
                + name + "', which is not in this service's registry " + registry.names(), NOTHING_CHANGED));
    }

    /** The duration {@code millis} of the param {@code param} within [min, max], or {@code fallback} when absent. */
    static Duration millis(StepType step, String param, Long millis, Duration fallback, long min, long max)
            throws StepFailedException {
        if (millis == null) {
            return fallback;
        }
        if (millis < min || millis > max) {
            throw StepFailedException.terminal(step + ": '" + param + "' must be a whole number of milliseconds from "
                    + min + " to " + max + ", not " + millis, NOTHING_CHANGED);
        }
        return Duration.ofMillis(millis);
    }
}
