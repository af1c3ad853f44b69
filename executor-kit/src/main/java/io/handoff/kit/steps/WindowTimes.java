package io.handoff.kit.steps;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where the time of a prepared fence window went, for its log line: from the end of its first step (the old master's
 * READ_ONLY) to the end of its last, each step's own time (its statements and its handler) and what was left between
 * them (the runner's bookkeeping, the listener, events flushed before a step). What an operator reads to tell a slow
 * server statement from a slow service.
 *
 * @param firstStepId the window's first step, which it follows
 * @param nanos       from the end of that step to the end of the last step that ran
 * @param ran         the window's steps that ran, in order
 */
record WindowTimes(String firstStepId, long nanos, List<CommandRunner.Ran> ran) {

    /** The time of the window not spent in a step's own work. */
    long betweenNanos() {
        return nanos - ran.stream().mapToLong(CommandRunner.Ran::nanos).sum();
    }

    /** E.g. {@code after 04-read-only-source the window ran 7.1 ms: KILL_CONNECTIONS 1.2 ms, ..., between the steps 0.9 ms}. */
    String describe() {
        String steps = ran.stream().map(step -> step.prepared().command().type() + " " + millis(step.nanos()))
                .collect(Collectors.joining(", "));
        return "after " + firstStepId + " the window ran " + millis(nanos) + (steps.isEmpty() ? "" : ": " + steps)
                + ", between the steps " + millis(betweenNanos());
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
}
