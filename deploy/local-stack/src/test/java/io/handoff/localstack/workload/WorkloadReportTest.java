package io.handoff.localstack.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadReportTest {
    private static final Instant T0 = Instant.parse("2026-11-25T01:00:00Z");
    private static final String SOURCE = "127.0.0.2";
    private static final String TARGET = "127.0.0.3";

    // Recorded out of order, as several threads append them.
    private final WorkloadReport report = new WorkloadReport(
            List.of(ack(3, TARGET, 1_000, 1_500), ack(1, SOURCE, 0, 100), ack(2, SOURCE, 150, 200),
                    ack(4, TARGET, 1_510, 1_600)),
            List.of(error(SOURCE, 400), error(WriteError.UNRESOLVED, 300)),
            Map.of("storefront", "shop"));

    @Test
    void countsAcksAndErrorsPerServer() {
        assertThat(report.acknowledgedCount()).isEqualTo(4);
        assertThat(report.errorCount()).isEqualTo(2);
        assertThat(report.acksByServer()).containsExactly(Map.entry(SOURCE, 2L), Map.entry(TARGET, 2L));
        assertThat(report.errorsByServer()).containsExactly(Map.entry(SOURCE, 1L), Map.entry(WriteError.UNRESOLVED, 1L));
        assertThat(report.acks()).extracting(Ack::id).containsExactly(1L, 2L, 3L, 4L);
        assertThat(report.errors()).extracting(WriteError::at).containsExactly(at(300), at(400));
        assertThat(report.acknowledgedIds()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void longestGapCountsTheWindowsEndsAndEveryServer() {
        assertThat(report.longestGapBetweenAcks()).isEqualTo(Duration.ofMillis(1_300));
        assertThat(report.longestGapBetweenAcks(at(0), at(3_000))).isEqualTo(Duration.ofMillis(1_400));
        assertThat(report.longestGapBetweenAcks(at(1_550), at(1_560))).isEqualTo(Duration.ofMillis(10));
        assertThat(report.longestGapBetweenAcks(at(1_450), at(1_700))).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void tellsAcksAfterAMomentFromInsertsSentAfterIt() {
        assertThat(report.acksOn(SOURCE, at(150))).extracting(Ack::id).containsExactly(2L);
        assertThat(report.acksOfInsertsSentAfter(SOURCE, at(150))).isEmpty();
        assertThat(report.acksOn(SOURCE, at(200))).isEmpty();
        assertThat(report.errorsOn(SOURCE, at(0))).hasSize(1);
    }

    @Test
    void windowsPerServerAndSummary() {
        assertThat(report.ackWindowOn(SOURCE)).contains(new AckWindow(at(100), at(200)));
        assertThat(report.ackWindowOn(TARGET)).contains(new AckWindow(at(1_500), at(1_600)));
        assertThat(report.ackWindowOn("127.0.0.9")).isEmpty();

        WorkloadSummary summary = report.summary().withLostWrites(0);
        assertThat(summary.acknowledgedWrites()).isEqualTo(4);
        assertThat(summary.longestGapMs()).isEqualTo(1_300);
        assertThat(summary.toJson())
                .contains("\"acknowledgedWrites\":4", "\"acksByServer\":{\"127.0.0.2\":2,\"127.0.0.3\":2}",
                        "\"firstAckAt\":\"2026-11-25T01:00:00.100Z\"", "\"lostWrites\":0");
    }

    @Test
    void emptyReportHasNoGapAndNoWindows() {
        WorkloadReport empty = new WorkloadReport(List.of(), List.of(), Map.of());

        assertThat(empty.longestGapBetweenAcks()).isZero();
        assertThat(empty.summary().firstAckAt()).isNull();
        assertThat(empty.summary().toJson()).contains("\"lostWrites\":null");
    }

    private static Ack ack(long id, String server, long sentMs, long ackMs) {
        return new Ack(id, "storefront", 1, server, at(sentMs), at(ackMs));
    }

    private static WriteError error(String server, long atMs) {
        return new WriteError("storefront", 1, server, at(atMs), "HY000", 1290, "read-only");
    }

    private static Instant at(long ms) {
        return T0.plusMillis(ms);
    }
}
