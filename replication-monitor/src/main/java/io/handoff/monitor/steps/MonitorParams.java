package io.handoff.monitor.steps;

import io.handoff.common.cluster.ClusterRegistry;
import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.event.StepCommand;
import io.handoff.kit.steps.StepFailedException;
import java.time.Duration;

/** Reads a monitor command's params; a missing or malformed one is a terminal failure (a retry sends the same). */
final class MonitorParams {
    private MonitorParams() {
    }

    static ClusterSpec cluster(StepCommand command, String param, ClusterRegistry registry) throws StepFailedException {
        Object name = command.params().get(param);
        if (!(name instanceof String text) || text.isBlank()) {
            throw StepFailedException.terminal(command.type() + " needs the param '" + param + "' (a cluster name)",
                    "nothing was changed");
        }
        return registry.find(text).orElseThrow(() -> StepFailedException.terminal(
                "cluster '" + text + "' is not in this service's registry " + registry.names(), "nothing was changed"));
    }

    /** A duration param in milliseconds within [min, max], or {@code fallback} when absent. */
    static Duration millis(StepCommand command, String param, Duration fallback, long min, long max)
            throws StepFailedException {
        Object value = command.params().get(param);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
                || number.longValue() < min || number.longValue() > max) {
            throw StepFailedException.terminal(command.type() + ": '" + param + "' must be a whole number of milliseconds from "
                    + min + " to " + max + ", not " + value, "nothing was changed");
        }
        return Duration.ofMillis(number.longValue());
    }
}
