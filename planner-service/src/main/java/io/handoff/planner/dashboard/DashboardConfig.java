package io.handoff.planner.dashboard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The dashboard's sign-in settings ({@code handoff.dashboard.*}): its sessions and the limits on failed sign-ins. */
@ConfigMapping(prefix = "handoff.dashboard")
public interface DashboardConfig {

    /** Server-side sessions, one per sign-in. */
    Session session();

    /** Throttling of failed sign-ins, per user name and per client address. */
    Login login();

    interface Session {
        /** A session not used for this long ends (the browser must sign in again). */
        @WithDefault("1h")
        Duration idleTimeout();

        /** A session ends this long after its sign-in, used or not; also the cookie's Max-Age. */
        @WithDefault("8h")
        Duration maxAge();
    }

    /**
     * Failed sign-ins of one user name (and, with higher limits, from one client address) within {@link #window()}:
     * after {@code throttle-after} of them each further attempt waits {@link #delay()}, doubling per failure up to
     * {@link #maxDelay()} (429 with Retry-After); after {@code lockout-after} of them every attempt is refused for
     * {@link #lockout()}. A successful sign-in clears its user name's failures (not its address's).
     */
    interface Login {
        @WithDefault("5")
        int userThrottleAfter();

        @WithDefault("10")
        int userLockoutAfter();

        /** An address may be shared (a NAT, an office): it gets more failures than one user name. */
        @WithDefault("20")
        int addressThrottleAfter();

        @WithDefault("50")
        int addressLockoutAfter();

        /** The wait after the first failure beyond the throttle threshold; it doubles with each further failure. */
        @WithDefault("1s")
        Duration delay();

        @WithDefault("1m")
        Duration maxDelay();

        /** Failures count from the first one for this long; then the count starts again (unless locked out). */
        @WithDefault("15m")
        Duration window();

        /** How long a locked-out user name or address is refused, from its last failure. */
        @WithDefault("15m")
        Duration lockout();
    }
}
