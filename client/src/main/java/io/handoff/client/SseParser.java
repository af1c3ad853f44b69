package io.handoff.client;

import java.util.function.Consumer;

/**
 * Turns the lines of a server-sent event stream into events (WHATWG framing): {@code event}, {@code id} and
 * {@code data} fields, a blank line ends an event, comments and unknown fields are skipped. Not thread-safe.
 */
final class SseParser {
    /** One event: its name ({@code message} when none was given), its id (or null) and its data lines joined. */
    record Event(String name, String id, String data) {
    }

    private final Consumer<Event> events;
    private String name;
    private String id;
    private StringBuilder data;

    SseParser(Consumer<Event> events) {
        this.events = events;
    }

    void line(String line) {
        if (line.isEmpty()) {
            if (data != null) {
                events.accept(new Event(name == null ? "message" : name, id, data.toString()));
            }
            name = null;
            id = null;
            data = null;
            return;
        }
        if (line.startsWith(":")) {
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> name = value;
            case "id" -> id = value;
            case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            default -> { }
        }
    }
}
