package io.handoff.cutover.messaging;

import com.fasterxml.jackson.databind.JsonMappingException;
import io.handoff.common.event.FenceSteps;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepType;
import io.handoff.common.json.Json;
import io.handoff.common.json.JsonCodecException;

/** Reads a command record's payload; a malformed one becomes a {@link MalformedCommandException}. */
final class CommandParser {

    private CommandParser() {
    }

    /**
     * @param origin where the record came from (topic, partition, offset, key), for the message
     */
    static StepCommand parse(String payload, String origin) {
        try {
            StepCommand command = Json.fromJson(payload, StepCommand.class);
            if (command.type() == StepType.FENCE) {
                FenceSteps.of(command);
            }
            return command;
        } catch (IllegalArgumentException e) {
            throw new MalformedCommandException("malformed FENCE command at " + origin + ": " + e.getMessage());
        } catch (JsonCodecException e) {
            throw new MalformedCommandException("malformed StepCommand at " + origin + " ("
                    + (payload == null ? "null payload" : payload.length() + " chars") + "): " + problem(e));
        }
    }

    /** The kind of error and the JSON path where it was found, never the offending text or value. */
    private static String problem(JsonCodecException e) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonMappingException mapping) {
            String where = mapping.getPath().isEmpty() ? "" : " at " + mapping.getPathReference();
            Throwable root = mapping.getCause() != null ? mapping.getCause() : mapping;
            return root.getClass().getSimpleName() + where;
        }
        return cause == null ? "no content" : cause.getClass().getSimpleName();
    }
}
