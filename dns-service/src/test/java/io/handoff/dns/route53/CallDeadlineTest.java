package io.handoff.dns.route53;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CallDeadlineTest {

    @Test
    void callGetsTheTimeLeftUntilTheDeadlineInForce() {
        Instant now = Instant.now();
        try (CallDeadline.Scope scope = CallDeadline.until(now.plusSeconds(20))) {
            assertThat(CallDeadline.callTimeout(now)).isEqualTo(Duration.ofSeconds(20));
        }
    }

    @Test
    void callAtOrAfterTheDeadlineStillGetsTheMinimum() {
        Instant now = Instant.now();
        try (CallDeadline.Scope scope = CallDeadline.until(now.minusSeconds(5))) {
            assertThat(CallDeadline.callTimeout(now)).isEqualTo(CallDeadline.MIN_CALL_TIME);
        }
    }

    @Test
    void outsideAScopeCallsKeepTheClientDefaultAndClosingANestedScopeRestoresTheOuterOne() {
        Instant now = Instant.now();
        assertThat(CallDeadline.callTimeout(now)).isNull();
        try (CallDeadline.Scope outer = CallDeadline.until(now.plusSeconds(30))) {
            try (CallDeadline.Scope inner = CallDeadline.until(now.plusSeconds(10))) {
                assertThat(CallDeadline.callTimeout(now)).isEqualTo(Duration.ofSeconds(10));
            }
            assertThat(CallDeadline.callTimeout(now)).isEqualTo(Duration.ofSeconds(30));
        }
        assertThat(CallDeadline.callTimeout(now)).isNull();
    }
}
