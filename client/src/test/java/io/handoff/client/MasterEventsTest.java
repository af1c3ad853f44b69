package io.handoff.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wire format as the planner writes it: server-sent events carrying ApplicationEvent JSON. */
class MasterEventsTest {

    @Test
    void readsThePlannersEventWhateverThePropertyOrderAndIgnoresUnknownProperties() {
        MasterEvent event = MasterEvents.parse("{\"target\":{\"port\":3307,\"host\":\"db-b.example\"},\"future\":[1,{\"x\":null}],"
                + "\"eventType\":\"handoff.application-event\",\"eventId\":\"8b0e7c2a-1f3e-4c55-9a57-5c2d7e0f9a11\","
                + "\"planId\":\"p-1\",\"occurredAt\":\"2026-12-05T06:30:00.123456Z\",\"schemaVersion\":1,"
                + "\"kind\":\"MASTER_WRITABLE\",\"application\":\"orders \\\"eu\\\"\",\"fencingEpoch\":7,"
                + "\"source\":{\"host\":\"127.0.0.2\",\"port\":3306}}");

        assertThat(event).isEqualTo(new MasterEvent("8b0e7c2a-1f3e-4c55-9a57-5c2d7e0f9a11", "p-1",
                Instant.parse("2026-12-05T06:30:00.123456Z"), MasterEvent.Kind.MASTER_WRITABLE, "orders \"eu\"", 7,
                new Endpoint("127.0.0.2", 3306), new Endpoint("db-b.example", 3307)));
        assertThat(event.master()).isEqualTo(new Endpoint("db-b.example", 3307));
    }

    @Test
    void acceptsEpochSecondsForTheTimeAndNamesWhatIsWrong() {
        String json = "{\"eventId\":\"e\",\"planId\":\"p\",\"occurredAt\":1764916200.5,\"kind\":\"ROLLED_BACK\","
                + "\"application\":\"a\",\"fencingEpoch\":2,\"source\":{\"host\":\"h\",\"port\":1},\"target\":{\"host\":\"i\",\"port\":2}}";
        assertThat(MasterEvents.parse(json).occurredAt()).isEqualTo(Instant.ofEpochSecond(1764916200, 500_000_000));

        assertThatThrownBy(() -> MasterEvents.parse(json.replace("ROLLED_BACK", "EXPLODED")))
                .hasMessageContaining("EXPLODED");
        assertThatThrownBy(() -> MasterEvents.parse(json.replace("\"port\":2", "\"port\":\"2\"")))
                .hasMessageContaining("'port'");
        assertThatThrownBy(() -> MasterEvents.parse("{\"eventId\":")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theParserFramesEventsAsQuarkusSendsThemSkippingCommentsAndUnknownFields() {
        List<SseParser.Event> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);
        for (String line : List.of("content-type:application/json", "event:ready", "data:{\"application\":\"a\"}", "",
                ": a comment", "content-type:application/json", "id:42", "event: application-event", "data:{\"a\":",
                "data: 1}", "", "", "event:nothing")) {
            parser.line(line);
        }

        assertThat(events).containsExactly(new SseParser.Event("ready", null, "{\"application\":\"a\"}"),
                new SseParser.Event("application-event", "42", "{\"a\":\n1}"));
    }

    @Test
    void eventsOrderByEpochThenKind() {
        MasterEvent fence7 = event(7, MasterEvent.Kind.FENCE_STARTED);
        MasterEvent writable7 = event(7, MasterEvent.Kind.MASTER_WRITABLE);
        MasterEvent rolledBack7 = event(7, MasterEvent.Kind.ROLLED_BACK);
        MasterEvent fence8 = event(8, MasterEvent.Kind.FENCE_STARTED);

        assertThat(fence7.isNewerThan(null)).isTrue();
        assertThat(writable7.isNewerThan(fence7)).isTrue();
        assertThat(rolledBack7.isNewerThan(writable7)).isTrue();
        assertThat(fence8.isNewerThan(rolledBack7)).isTrue();
        assertThat(fence7.isNewerThan(writable7)).isFalse();
        assertThat(writable7.isNewerThan(writable7)).as("a duplicate").isFalse();
        assertThat(writable7.isNewerThan(fence8)).as("an older epoch").isFalse();
    }

    static MasterEvent event(long epoch, MasterEvent.Kind kind) {
        return new MasterEvent("e-" + epoch + kind, "plan-" + epoch, Instant.now(), kind, "orders", epoch,
                new Endpoint("127.0.0.2", 3306), new Endpoint("127.0.0.3", 3306));
    }
}
