package io.handoff.planner.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The throttle's arithmetic, per user name and per address, with the time passed in. */
@Tag("issue-22")
class LoginThrottleTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final LoginThrottle throttle = new LoginThrottle(new Limits());

    /** The defaults of {@link DashboardConfig.Login}, with an address limit of 8 / 12. */
    private static final class Limits implements DashboardConfig.Login {
        public int userThrottleAfter() { return 5; }
        public int userLockoutAfter() { return 10; }
        public int addressThrottleAfter() { return 8; }
        public int addressLockoutAfter() { return 12; }
        public Duration delay() { return Duration.ofSeconds(1); }
        public Duration maxDelay() { return Duration.ofSeconds(4); }
        public Duration window() { return Duration.ofMinutes(15); }
        public Duration lockout() { return Duration.ofMinutes(15); }
    }

    @Test
    void fiveFailuresOfAUserThrottleItsNextAttemptOnlyAndTheDelayDoublesUpToTheMaximum() {
        fail("alice", "10.0.0.1", 5, T0);
        assertThat(throttle.check("alice", "10.0.0.1", T0)).hasValueSatisfying(refusal -> {
            assertThat(refusal.subject()).isEqualTo("user");
            assertThat(refusal.lockedOut()).isFalse();
            assertThat(refusal.retryAfterSeconds()).isEqualTo(1);
        });
        assertThat(throttle.check("ALICE", "10.0.0.2", T0)).as("user names are throttled whatever their case").isPresent();
        assertThat(throttle.check("bob", "10.0.0.1", T0)).isEmpty();
        assertThat(throttle.check("alice", "10.0.0.1", T0.plusSeconds(1))).isEmpty();

        throttle.failed("alice", "10.0.0.1", T0.plusSeconds(1));
        assertThat(retryAfter("alice", "10.0.0.1", T0.plusSeconds(1))).isEqualTo(2);
        throttle.failed("alice", "10.0.0.1", T0.plusSeconds(3));
        assertThat(retryAfter("alice", "10.0.0.1", T0.plusSeconds(3))).isEqualTo(4);
        throttle.failed("alice", "10.0.0.1", T0.plusSeconds(7));
        assertThat(retryAfter("alice", "10.0.0.1", T0.plusSeconds(7))).as("capped at max-delay").isEqualTo(4);
    }

    @Test
    void tenFailuresLockTheUserOutUntilTheLockoutPassesAndASuccessForgetsThem() {
        fail("carol", "10.0.0.3", 10, T0);
        Optional<LoginThrottle.Refusal> locked = throttle.check("carol", "10.0.0.3", T0.plusSeconds(60));
        assertThat(locked).hasValueSatisfying(refusal -> {
            assertThat(refusal.lockedOut()).isTrue();
            assertThat(refusal.retryAfter()).isEqualTo(Duration.ofMinutes(14));
        });
        assertThat(throttle.check("carol", "10.0.0.3", T0.plus(Duration.ofMinutes(15)))).isEmpty();

        fail("dave", "10.0.0.4", 4, T0);
        throttle.succeeded("dave");
        throttle.failed("dave", "10.0.0.4", T0);
        assertThat(throttle.check("dave", "10.0.0.4", T0)).as("the success reset the count to 0").isEmpty();
    }

    @Test
    void failuresOutsideTheWindowNoLongerCount() {
        fail("erin", "10.0.0.5", 4, T0);
        throttle.failed("erin", "10.0.0.5", T0.plus(Duration.ofMinutes(15)));
        assertThat(throttle.check("erin", "10.0.0.5", T0.plus(Duration.ofMinutes(15)))).isEmpty();
    }

    @Test
    void oneAddressTryingManyUserNamesIsThrottledThenLockedOutAndASuccessDoesNotResetIt() {
        for (int i = 0; i < 8; i++) {
            throttle.failed("user-" + i, "10.0.0.9", T0);
        }
        assertThat(throttle.check("someone-else", "10.0.0.9", T0)).hasValueSatisfying(refusal -> {
            assertThat(refusal.subject()).isEqualTo("address");
            assertThat(refusal.lockedOut()).isFalse();
        });
        assertThat(throttle.check("someone-else", "10.0.0.8", T0)).isEmpty();

        for (int i = 8; i < 12; i++) {
            throttle.failed("user-" + i, "10.0.0.9", T0);
        }
        throttle.succeeded("user-1");
        assertThat(throttle.check("user-1", "10.0.0.9", T0.plusSeconds(60))).hasValueSatisfying(refusal ->
                assertThat(refusal.lockedOut()).isTrue());
    }

    private void fail(String user, String address, int times, Instant at) {
        for (int i = 0; i < times; i++) {
            throttle.failed(user, address, at);
        }
    }

    private long retryAfter(String user, String address, Instant at) {
        return throttle.check(user, address, at).orElseThrow().retryAfterSeconds();
    }
}
