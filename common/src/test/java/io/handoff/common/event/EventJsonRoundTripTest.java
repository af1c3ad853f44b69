package io.handoff.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.handoff.common.json.Json;
import io.handoff.common.json.JsonCodecException;
import org.junit.jupiter.api.Test;

class EventJsonRoundTripTest {

    @Test
    void stepCommandReadsBackEqual() {
        StepCommand command = TestEvents.command();

        assertThat(Json.fromJson(Json.toJson(command), StepCommand.class)).isEqualTo(command);
    }

    @Test
    void stepEventsOfEveryKindReadBackEqual() {
        StepEvent started = StepEvent.started(TestEvents.command(), TestEvents.CLOCK);

        assertThat(Json.fromJson(Json.toJson(started), StepEvent.class)).isEqualTo(started);
        StepEvent succeeded = TestEvents.succeeded();
        assertThat(Json.fromJson(Json.toJson(succeeded), StepEvent.class)).isEqualTo(succeeded);
        StepEvent failed = TestEvents.failed();
        assertThat(Json.fromJson(Json.toJson(failed), StepEvent.class)).isEqualTo(failed);
    }

    @Test
    void lagSampleReadsBackEqual() {
        LagSample sample = TestEvents.lagSample();

        assertThat(Json.fromJson(Json.toJson(sample), LagSample.class)).isEqualTo(sample);
    }

    @Test
    void driftReportsByKeyAndByRangeReadBackEqual() {
        DriftReport row = TestEvents.rowDrift();
        DriftReport range = TestEvents.rangeDrift();

        assertThat(Json.fromJson(Json.toJson(row), DriftReport.class)).isEqualTo(row);
        assertThat(Json.fromJson(Json.toJson(range), DriftReport.class)).isEqualTo(range);
    }

    @Test
    void planEventReadsBackEqual() {
        PlanEvent event = TestEvents.planEvent();

        assertThat(Json.fromJson(Json.toJson(event), PlanEvent.class)).isEqualTo(event);
    }

    @Test
    void readingAsHandoffEventGivesBackTheRightRecord() {
        for (HandoffEvent event : TestEvents.all()) {
            assertThat(Json.fromJson(Json.toJsonBytes(event), HandoffEvent.class)).isEqualTo(event);
        }
    }

    @Test
    void jsonCarriesTheEnvelopeWithEventTypeAndIsoInstants() throws Exception {
        for (HandoffEvent event : TestEvents.all()) {
            JsonNode json = Json.mapper().readTree(Json.toJson(event));

            assertThat(json.get("eventType").asText()).isEqualTo(event.eventType());
            assertThat(json.get("eventId").asText()).isEqualTo(event.eventId());
            assertThat(json.get("planId").asText()).isEqualTo(event.planId());
            assertThat(json.get("schemaVersion").asInt()).isEqualTo(event.schemaVersion());
            assertThat(json.get("occurredAt").asText()).isEqualTo("2026-11-25T01:02:03.123456789Z");
        }
    }

    @Test
    void derivedAccessorsAreNotWrittenAsProperties() throws Exception {
        JsonNode json = Json.mapper().readTree(Json.toJson(TestEvents.command()));

        assertThat(json.has("executor")).isFalse();
        assertThat(json.get("type").asText()).isEqualTo("READ_ONLY");
    }

    @Test
    void eventWithAnUnknownFieldStillReads() throws Exception {
        StepCommand command = TestEvents.command();
        ObjectNode json = (ObjectNode) Json.mapper().readTree(Json.toJson(command));
        json.put("addedInSchemaVersion2", "whatever");
        json.putObject("nested").put("x", 1);

        assertThat(Json.fromJson(json.toString(), StepCommand.class)).isEqualTo(command);
        assertThat(Json.fromJson(json.toString(), HandoffEvent.class)).isEqualTo(command);
    }

    @Test
    void eventMissingItsPlanIdIsRefusedWithTheFieldNamed() throws Exception {
        ObjectNode json = (ObjectNode) Json.mapper().readTree(Json.toJson(TestEvents.planEvent()));
        json.remove("planId");

        assertThatThrownBy(() -> Json.fromJson(json.toString(), PlanEvent.class))
                .isInstanceOf(JsonCodecException.class)
                .hasMessageContaining(PlanEvent.class.getName())
                .hasMessageContaining("PlanEvent.planId must not be blank");
    }
}
