package io.handoff.planner.messaging;

import io.handoff.common.topic.UnsafeSetting;
import java.util.List;
import java.util.stream.Collectors;

/** The planner runs no plan while a topic is missing or unsafe: 503 naming each topic and setting. */
public class UnsafeTopicsException extends PlannerUnavailableException {
    private final List<UnsafeSetting> settings;

    public UnsafeTopicsException(List<UnsafeSetting> settings) {
        super(describe(settings));
        this.settings = List.copyOf(settings);
    }

    public List<UnsafeSetting> settings() {
        return settings;
    }

    /** One sentence naming every unsafe setting and the way out. */
    static String describe(List<UnsafeSetting> settings) {
        return "the planner runs no plan while Kafka topics are missing or unsafe: "
                + settings.stream().map(UnsafeSetting::toString).collect(Collectors.joining("; "))
                + " (`handoff topics --fix` creates and fixes them, all but a replication factor)";
    }
}
