package io.handoff.monitor.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

/** What Debezium's binlog connectors put in an image and what the target's driver returns compare equal. */
class ColumnKindTest {

    private static Schema named(Schema.Type type, String name) {
        return SchemaBuilder.type(type).name(name).build();
    }

    @Test
    void kindsFollowTheConnectSchema() {
        assertThat(ColumnKind.of(Schema.INT64_SCHEMA)).isEqualTo(ColumnKind.INTEGER);
        assertThat(ColumnKind.of(Schema.STRING_SCHEMA)).isEqualTo(ColumnKind.STRING);
        assertThat(ColumnKind.of(Decimal.schema(2))).isEqualTo(ColumnKind.DECIMAL);
        assertThat(ColumnKind.of(named(Schema.Type.INT64, "io.debezium.time.MicroTimestamp"))).isEqualTo(ColumnKind.DATETIME_MICROS);
        assertThat(ColumnKind.of(named(Schema.Type.STRING, "io.debezium.time.ZonedTimestamp"))).isEqualTo(ColumnKind.TIMESTAMP);
        assertThat(ColumnKind.of(named(Schema.Type.STRING, "io.debezium.data.Enum"))).isEqualTo(ColumnKind.STRING);
        assertThat(ColumnKind.of(SchemaBuilder.struct().name("io.debezium.data.geometry.Geometry").build())).isEqualTo(ColumnKind.OPAQUE);
    }

    @Test
    void imageValuesAndTheirTextOnTheTargetHaveOneCanonicalForm() {
        long micros = LocalDateTime.of(2026, 11, 24, 23, 22, 13, 120_000_000).toEpochSecond(ZoneOffset.UTC) * 1_000_000 + 120_000;
        assertThat(ColumnKind.DATETIME_MICROS.canonical(micros)).isEqualTo(ColumnKind.DATETIME_MICROS.canonical(micros))
                .isEqualTo("2026-11-24T23:22:13.120");
        assertThat(ColumnKind.TIMESTAMP.canonical("2026-11-24T23:22:13.120Z")).isEqualTo("2026-11-24T23:22:13.120");
        assertThat(ColumnKind.DATE.canonical(20_416)).isEqualTo("2025-11-24");
        assertThat(ColumnKind.DECIMAL.canonical(new BigDecimal("12.500"))).isEqualTo("12.5");
        assertThat(ColumnKind.INTEGER.canonical(42L)).isEqualTo("42");
        assertThat(ColumnKind.BOOLEAN.canonical(true)).isEqualTo("1");
        assertThat(ColumnKind.BYTES.canonical(ByteBuffer.wrap(new byte[] {1, (byte) 0xab}))).isEqualTo("01ab");
        assertThat(ColumnKind.BITS.canonical(new byte[] {0x01, 0x02})).isEqualTo(Integer.toString(0x0201));
        assertThat(ColumnKind.TIME_MICROS.canonical(3_723_000_001L)).isEqualTo("3723000001");
        assertThat(ColumnKind.timeMicros("01:02:03.000001")).isEqualTo(3_723_000_001L);
        assertThat(ColumnKind.timeMicros("-838:59:59")).isEqualTo(-(838L * 3600 + 59 * 60 + 59) * 1_000_000);
        assertThat(ColumnKind.JSON.canonical("{ \"a\" : 1 }")).isEqualTo("{\"a\":1}");
        assertThat(ColumnKind.STRING.canonical(null)).isNotEqualTo(ColumnKind.STRING.canonical("null"));
    }

    @Test
    void keysAreBoundAsTheServerComparesThem() {
        assertThat(ColumnKind.INTEGER.bindable(17)).isEqualTo(17L);
        assertThat(ColumnKind.DATETIME_MILLIS.bindable(0L)).isEqualTo("1970-01-01 00:00");
        assertThat(ColumnKind.TIME_MICROS.bindable(3_723_000_001L)).isEqualTo("1:02:03.000001");
        assertThat(ColumnKind.INTEGER.reported(17)).isEqualTo(17L);
        assertThat(ColumnKind.STRING.reported("k")).isEqualTo("k");
    }
}
