package io.handoff.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The demo's fence checks fail on every violation and on every unknown figure (issue 16). */
@Tag("issue-16")
class FenceChecksTest {
    private static final String A = "127.0.0.2";
    private static final String B = "127.0.0.3";
    /** Applications connect to the servers themselves. */
    private static final ApplicationAddresses DIRECT = new ApplicationAddresses(Map.of(A, A, B, B), 3306);
    /** Applications connect through the clusters' endpoints (security-group-swap). */
    private static final ApplicationAddresses ENDPOINTS = new ApplicationAddresses(Map.of(A, "127.0.1.2", B, "127.0.1.3"), 4306);

    /** A completed flip from A with the given measured figures, every other figure healthy. */
    static FlipOutcome outcome(String newMaster, List<String> writable, Long census, Long overlapMs, Long rowDiffs) {
        return outcome(newMaster, writable, census, overlapMs, rowDiffs, B);
    }

    /** The same, with DNS answering {@code dnsAnswer} for the application's record. */
    static FlipOutcome outcome(String newMaster, List<String> writable, Long census, Long overlapMs, Long rowDiffs, String dnsAnswer) {
        return new FlipOutcome("plan-1", "writable-first", "COMPLETED", null, A, newMaster, writable, Map.of(), 0, 0L,
                census, null, overlapMs, Map.of(), List.of(), rowDiffs, null, 800, 700.0, 100L, 1000, 10, 1000, 50,
                Map.of("storefront", dnsAnswer), Map.of("db.storefront.internal.example.", dnsAnswer), Map.of(),
                Map.of("storefront", new ApplicationFlip("dns", 800, 3, null, 400L)));
    }

    private static List<String> failed(FlipOutcome outcome) {
        return failed(outcome, DIRECT);
    }

    private static List<String> failed(FlipOutcome outcome, ApplicationAddresses addresses) {
        DemoChecks checks = new DemoChecks();
        DemoMain.checkFlip(checks, "flip", outcome, B, addresses);
        return checks.failed().stream().map(DemoChecks.Check::name).toList();
    }

    @Test
    void aHealthyFlipPassesEveryFenceCheck() {
        assertThat(failed(outcome(B, List.of(B), 0L, 0L, 0L))).isEmpty();
    }

    @Test
    void eachViolationFailsItsOwnCheck() {
        assertThat(failed(outcome(B, List.of(B), 1L, 0L, 0L))).containsExactly("flip: oldMasterWritesAfterFence (binlog census)");
        assertThat(failed(outcome(B, List.of(B), 0L, 12L, 0L))).containsExactly("flip: writableOverlapMs (probe writes)");
        assertThat(failed(outcome(B, List.of(B), 0L, 0L, 1L)))
                .containsExactly("flip: rowDiffs (old and new master at one GTID position)");
        assertThat(failed(outcome(A, List.of(A), 0L, 0L, 0L))).containsExactly(
                "flip: servers writable to applications afterwards (read from the servers)",
                "flip: master afterwards (read from the servers)");
    }

    @Test
    void underSecurityGroupSwapTheRecordsMustAnswerTheNewMastersEndpointNotTheServerItself() {
        String dnsCheck = "flip: DNS records in both zones answer the new master (127.0.0.3 at 127.0.1.3)";

        assertThat(failed(outcome(B, List.of(B), 0L, 0L, 0L, "127.0.1.3"), ENDPOINTS)).isEmpty();
        assertThat(failed(outcome(B, List.of(B), 0L, 0L, 0L, B), ENDPOINTS)).as("the server's own address bypasses the fence")
                .containsExactly(dnsCheck);
        assertThat(failed(outcome(B, List.of(B), 0L, 0L, 0L, "127.0.1.2"), ENDPOINTS)).as("the old master's endpoint")
                .containsExactly(dnsCheck);
        assertThat(failed(outcome(B, List.of(B), 0L, 0L, 0L, "127.0.1.3"), DIRECT))
                .containsExactly("flip: DNS records in both zones answer the new master");
    }

    @Test
    void anUnknownFigureFailsItsCheckInsteadOfPassing() {
        assertThat(failed(outcome(null, List.of(), null, null, null))).containsExactlyInAnyOrder(
                "flip: servers writable to applications afterwards (read from the servers)",
                "flip: master afterwards (read from the servers)",
                "flip: oldMasterWritesAfterFence (binlog census)",
                "flip: writableOverlapMs (probe writes)",
                "flip: rowDiffs (old and new master at one GTID position)");
    }
}
