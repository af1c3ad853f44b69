package io.handoff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MonitorLinesTest {
    @Test
    void lagIsPrintedAtMostOncePerPeriodAndStaleSamplesSaySo() {
        MonitorLines lines = new MonitorLines(Duration.ofHours(1));

        assertThat(lines.line("lag", "{\"lagMillis\":42,\"stale\":false,\"eventsBehind\":3}")).hasValue("  lag 42 ms  events behind 3");
        assertThat(lines.line("lag", "{\"lagMillis\":43,\"stale\":false,\"eventsBehind\":0}")).isEmpty();
        assertThat(new MonitorLines(Duration.ZERO).line("lag", "{\"lagMillis\":5600,\"stale\":true,\"eventsBehind\":-1}"))
                .hasValue("  lag 5600 ms (stale: heartbeat not advancing)");
    }

    @Test
    void aReplicationProblemIsPrintedWithTheLag() {
        assertThat(new MonitorLines(Duration.ZERO).line("lag", "{\"lagMillis\":9000,\"stale\":false,\"eventsBehind\":12,"
                + "\"replicationProblem\":\"target's replication SQL thread is stopped: Duplicate entry '7'\"}"))
                .hasValue("  lag 9000 ms  events behind 12  REPLICATION: target's replication SQL thread is stopped: Duplicate entry '7'");
    }

    @Test
    void everyDriftReportIsPrintedWithTableAndKey() {
        MonitorLines lines = new MonitorLines(Duration.ofHours(1));

        assertThat(lines.line("drift", "{\"kind\":\"MISSING\",\"table\":\"shop.orders\",\"primaryKey\":{\"id\":18}}"))
                .hasValue("  DRIFT MISSING shop.orders {\"id\":18}");
        assertThat(lines.line("ready", "{}")).isEmpty();
    }
}
