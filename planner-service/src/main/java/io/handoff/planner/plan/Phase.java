package io.handoff.planner.plan;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The parts of a plan, in the order they run. */
public enum Phase {
    /** PRECHECK, RETAIN_BINLOG, SEED, START_REPLICATION, START_MONITOR, WAIT_CAUGHT_UP, VERIFY: nothing is fenced. */
    PREPARE,
    /** From FLUSH_TABLES(A) to the last DNS switch: writes are fenced, B becomes the master. */
    FLIP,
    /**
     * The operator's point of no return (reverse replication ends; flip back possible until then), then
     * DECOMMISSION of A. Needs the flip.
     */
    AFTER;

    /** How plans write it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Phase> parse(String text) {
        return Arrays.stream(values()).filter(phase -> phase.label().equals(text == null ? null : text.trim())).findFirst();
    }
}
