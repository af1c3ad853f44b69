package io.handoff.cutover.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.common.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandParserTest {
    private static final String ORIGIN = "handoff.commands.cutover-1@42 key plan-7";

    @Test
    void readsAWellFormedCommand() {
        StepCommand command = StepCommand.issue("plan-7", "1-READ_ONLY", StepType.READ_ONLY, Map.of(StepParams.CLUSTER, "source"),
                1, Instant.now().plusSeconds(60), 0, Clock.systemUTC());

        assertThat(CommandParser.parse(Json.toJson(command), ORIGIN)).isEqualTo(command);
    }

    @Test
    void malformedRecordIsLocatedButItsContentNeverQuoted() {
        String notJson = "password=hunter2-not-json";
        assertThatThrownBy(() -> CommandParser.parse(notJson, ORIGIN))
                .isInstanceOf(MalformedCommandException.class)
                .hasMessageContaining(ORIGIN)
                .hasMessageContaining(notJson.length() + " chars")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void invalidFieldIsNamedByItsPathNotByItsValue() {
        String json = Json.toJson(StepCommand.issue("plan-7", "1-READ_ONLY", StepType.READ_ONLY, Map.of(), 1,
                Instant.now().plusSeconds(60), 0, Clock.systemUTC())).replace("\"READ_ONLY\"", "\"s3cr3t-value\"");

        assertThatThrownBy(() -> CommandParser.parse(json, ORIGIN))
                .isInstanceOf(MalformedCommandException.class)
                .hasMessageContaining("\"type\"")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void tombstoneIsMalformed() {
        assertThatThrownBy(() -> CommandParser.parse(null, ORIGIN))
                .isInstanceOf(MalformedCommandException.class)
                .hasMessageContaining("null payload");
    }
}
