package io.handoff.kit.ledger;

import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The terminal reports (SUCCEEDED or FAILED) of the last commands run, by command id, so that a
 * redelivered command is answered with the same report instead of running again. Bounded: holds at
 * most {@code capacity} reports and drops the oldest first; a command older than that relies on its
 * handler converging. Not thread-safe: {@link ExecutionLedger} serialises access.
 */
public final class CompletedCommands {
    private final int capacity;
    private final Map<String, StepEvent> byCommandId;

    public CompletedCommands(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        this.capacity = capacity;
        this.byCommandId = new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, StepEvent> eldest) {
                return size() > CompletedCommands.this.capacity;
            }
        };
    }

    public Optional<StepEvent> find(String commandId) {
        return Optional.ofNullable(byCommandId.get(commandId));
    }

    /**
     * Remembers {@code terminal}; the first report of a command id wins, since that is the one the
     * planner acted on (a redelivery only repeats it).
     */
    public void remember(StepEvent terminal) {
        if (!terminal.kind().outcome()) {
            throw new IllegalArgumentException("only terminal reports are remembered, not " + terminal.kind());
        }
        byCommandId.putIfAbsent(terminal.commandId(), terminal);
    }

    /** Every remembered report, oldest first. */
    public java.util.List<StepEvent> all() {
        return java.util.List.copyOf(byCommandId.values());
    }

    public int size() {
        return byCommandId.size();
    }
}
