package io.handoff.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonTest {

    record Sample(String name, Instant at, Duration timeout, Optional<String> note) {
    }

    @Test
    void instantsAndDurationsAreIsoText() {
        Sample sample = new Sample("x", Instant.parse("2026-11-25T01:00:00Z"), Duration.ofSeconds(30), Optional.of("n"));

        assertThat(Json.toJson(sample))
                .isEqualTo("{\"name\":\"x\",\"at\":\"2026-11-25T01:00:00Z\",\"timeout\":\"PT30S\",\"note\":\"n\"}");
        assertThat(Json.fromJson(Json.toJson(sample), Sample.class)).isEqualTo(sample);
    }

    @Test
    void unknownPropertiesAreIgnored() {
        Sample read = Json.fromJson("{\"name\":\"x\",\"newField\":[1,2],\"at\":null,\"timeout\":null}", Sample.class);

        assertThat(read.name()).isEqualTo("x");
    }

    @Test
    void malformedJsonIsReportedWithTypeAndPosition() {
        assertThatThrownBy(() -> Json.fromJson("{\"name\":", Sample.class))
                .isInstanceOf(JsonCodecException.class)
                .hasMessageContaining("Cannot read " + Sample.class.getName())
                .hasMessageContaining("line 1");
    }

    @Test
    void nullInputIsReportedAsSuch() {
        assertThatThrownBy(() -> Json.fromJson((String) null, Sample.class))
                .isInstanceOf(JsonCodecException.class)
                .hasMessageContaining("input is null");
    }

    @Test
    void unwritableValueIsReportedWithItsType() {
        Object unwritable = new Object() {
            @SuppressWarnings("unused")
            public Object getSelf() {
                return this;
            }
        };

        assertThatThrownBy(() -> Json.toJson(unwritable))
                .isInstanceOf(JsonCodecException.class)
                .hasMessageContaining("Cannot write");
    }

    @Test
    void newMapperIsIndependentOfTheSharedOne() throws Exception {
        assertThat(Json.newMapper()).isNotSameAs(Json.mapper());
        assertThat(Json.newMapper().writeValueAsString(Instant.EPOCH)).isEqualTo("\"1970-01-01T00:00:00Z\"");
    }
}
