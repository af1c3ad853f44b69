package io.handoff.monitor.lag;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.event.LagSample;
import io.handoff.common.sql.SqlStatement;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HeartbeatTableTest {

    @Test
    void heartbeatIsWrittenInUtcMicrosecondsAndReadBackUnchanged() {
        Instant now = Instant.parse("2026-11-24T21:45:38.123456789Z");
        assertThat(HeartbeatTable.format(now)).isEqualTo("2026-11-24 21:45:38.123456");
        assertThat(HeartbeatTable.parse("2026-11-24 21:45:38.123456")).isEqualTo(Instant.parse("2026-11-24T21:45:38.123456Z"));
    }

    @Test
    void stampWritesOnlyOnAWritableServer() {
        assertThat(HeartbeatTable.stamp("plan-1", Instant.EPOCH).sql()).contains("WHERE @@GLOBAL.read_only = 0");
    }

    @Test
    void stampUpdatesWithTheBoundTimestampNotTheValuesFunctionMySqlDeprecates() {
        SqlStatement stamp = HeartbeatTable.stamp("plan-1", Instant.parse("2026-11-25T01:02:03.456789Z"));

        assertThat(stamp.sql()).endsWith("ON DUPLICATE KEY UPDATE ts = ?").doesNotContain("VALUES(");
        assertThat(stamp.params()).containsExactly("plan-1", "2026-11-25 01:02:03.456789", "2026-11-25 01:02:03.456789");
    }

    @Test
    void bytesBehindOnlyWithinOneBinlogFile() {
        assertThat(PlanMonitor.bytesBehind(new String[] {"mysql-bin.000001", "900"}, new String[] {"mysql-bin.000001", "400"}))
                .isEqualTo(500);
        assertThat(PlanMonitor.bytesBehind(new String[] {"mysql-bin.000002", "900"}, new String[] {"mysql-bin.000001", "400"}))
                .isEqualTo(LagSample.UNKNOWN);
        assertThat(PlanMonitor.bytesBehind(new String[] {null, null}, new String[] {"mysql-bin.000001", "400"}))
                .isEqualTo(LagSample.UNKNOWN);
    }
}
