package io.handoff.client;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** Reads a {@link MasterEvent} from the JSON of the planner's {@code ApplicationEvent}; unknown properties are ignored. */
final class MasterEvents {
    private MasterEvents() {
    }

    /** @throws IllegalArgumentException naming what is missing or wrong */
    static MasterEvent parse(String json) {
        if (!(JsonReader.read(json) instanceof Map<?, ?> event)) {
            throw new IllegalArgumentException("an application event is a JSON object");
        }
        return new MasterEvent(text(event, "eventId"), text(event, "planId"), instant(event.get("occurredAt")),
                kind(text(event, "kind")), text(event, "application"), number(event, "fencingEpoch").longValue(),
                endpoint(event, "source"), endpoint(event, "target"));
    }

    private static MasterEvent.Kind kind(String name) {
        try {
            return MasterEvent.Kind.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown event kind " + name);
        }
    }

    private static Endpoint endpoint(Map<?, ?> event, String name) {
        if (!(event.get(name) instanceof Map<?, ?> address)) {
            throw new IllegalArgumentException("'" + name + "' must be an object {host, port}");
        }
        return new Endpoint(text(address, "host"), number(address, "port").intValue());
    }

    private static Instant instant(Object value) {
        if (value instanceof String text) {
            return Instant.parse(text);
        }
        if (value instanceof Number seconds) {
            BigDecimal exact = new BigDecimal(seconds.toString());
            return Instant.ofEpochSecond(exact.longValue(), exact.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        }
        throw new IllegalArgumentException("'occurredAt' must be an ISO-8601 instant or epoch seconds");
    }

    private static String text(Map<?, ?> object, String name) {
        if (!(object.get(name) instanceof String value) || value.isBlank()) {
            throw new IllegalArgumentException("'" + name + "' must be a non-blank string");
        }
        return value;
    }

    private static Number number(Map<?, ?> object, String name) {
        if (!(object.get(name) instanceof Number value)) {
            throw new IllegalArgumentException("'" + name + "' must be a number");
        }
        return value;
    }
}
