package io.handoff.kit.steps;

import io.handoff.common.event.StepEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The terminal reports of the last commands this instance ran, by command id, so that a redelivered
 * command is answered with the same facts instead of running again. Bounded (oldest dropped first)
 * and in memory only: a restarted service relies on its handlers converging.
 */
@ApplicationScoped
public class CompletedCommands {
    static final int CAPACITY = 10_000;

    private final Map<String, StepEvent> byCommandId = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, StepEvent> eldest) {
            return size() > CAPACITY;
        }
    };

    public synchronized Optional<StepEvent> find(String commandId) {
        return Optional.ofNullable(byCommandId.get(commandId));
    }

    public synchronized void remember(StepEvent terminal) {
        byCommandId.put(terminal.commandId(), terminal);
    }
}
