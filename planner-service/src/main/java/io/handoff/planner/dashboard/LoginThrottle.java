package io.handoff.planner.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Counts failed dashboard sign-ins per user name and per client address and says when the next attempt must wait
 * (throttled) or is refused outright (locked out); the limits are {@link DashboardConfig.Login}. Pure logic: the
 * caller passes the time, so tests need no clock and no sleep.
 * <p>
 * An attempt is checked before its password is: a refused attempt neither counts as a failure nor reveals whether
 * the password was right. Attempts running at the same moment may each pass the check before either failure is
 * counted; the counts stay exact, so the next attempt sees them all.
 * <p>
 * Memory: one entry per user name or address with failures, dropped when its window (or lockout) is over; entries
 * of names and addresses not seen again are swept when there are many.
 */
@ApplicationScoped
public class LoginThrottle {
    private static final int SWEEP_ABOVE = 10_000;

    private final DashboardConfig.Login limits;
    private final ConcurrentMap<String, Failures> failures = new ConcurrentHashMap<>();

    @Inject
    public LoginThrottle(DashboardConfig config) {
        this(config.login());
    }

    LoginThrottle(DashboardConfig.Login limits) {
        this.limits = limits;
    }

    /** Why an attempt is refused without looking at its password, and when the client may try again. */
    public record Refusal(String subject, boolean lockedOut, Duration retryAfter) {
        /** Whole seconds for a {@code Retry-After} header, at least 1. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }

    private record Failures(int count, Instant first, Instant last) {
    }

    /** Empty when {@code user} may try to sign in from {@code address} at {@code now}; else the longer refusal. */
    public Optional<Refusal> check(String user, String address, Instant now) {
        Optional<Refusal> byUser = refusal("user", userKey(user), limits.userThrottleAfter(), limits.userLockoutAfter(), now);
        Optional<Refusal> byAddress = refusal("address", addressKey(address), limits.addressThrottleAfter(),
                limits.addressLockoutAfter(), now);
        if (byUser.isEmpty()) {
            return byAddress;
        }
        if (byAddress.isEmpty()) {
            return byUser;
        }
        return byUser.get().retryAfter().compareTo(byAddress.get().retryAfter()) >= 0 ? byUser : byAddress;
    }

    /** Counts a wrong password (or unknown user) of {@code user} from {@code address}; returns the user's count. */
    public int failed(String user, String address, Instant now) {
        if (failures.size() > SWEEP_ABOVE) {
            failures.entrySet().removeIf(entry -> over(entry.getValue(), lockoutAfterFor(entry.getKey()), now));
        }
        count(addressKey(address), limits.addressLockoutAfter(), now);
        return count(userKey(user), limits.userLockoutAfter(), now).count();
    }

    /** A successful sign-in: the user name's failures are forgotten (the address's stay). */
    public void succeeded(String user) {
        failures.remove(userKey(user));
    }

    private Failures count(String key, int lockoutAfter, Instant now) {
        return failures.compute(key, (k, previous) -> previous == null || over(previous, lockoutAfter, now)
                ? new Failures(1, now, now)
                : new Failures(previous.count() + 1, previous.first(), now));
    }

    private Optional<Refusal> refusal(String subject, String key, int throttleAfter, int lockoutAfter, Instant now) {
        Failures counted = failures.get(key);
        if (counted == null || over(counted, lockoutAfter, now)) {
            return Optional.empty();
        }
        if (counted.count() >= lockoutAfter) {
            return Optional.of(new Refusal(subject, true, Duration.between(now, counted.last().plus(limits.lockout()))));
        }
        if (counted.count() < throttleAfter) {
            return Optional.empty();
        }
        Instant until = counted.last().plus(delay(counted.count() - throttleAfter));
        return now.isBefore(until) ? Optional.of(new Refusal(subject, false, Duration.between(now, until))) : Optional.empty();
    }

    /** The wait after the {@code beyond}-th failure past the throttle threshold (0 = the first): doubling, capped. */
    private Duration delay(int beyond) {
        Duration delay = limits.delay();
        for (int i = 0; i < beyond && delay.compareTo(limits.maxDelay()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(limits.maxDelay()) > 0 ? limits.maxDelay() : delay;
    }

    /** Whether these failures no longer count: the lockout has passed, or (not locked out) the window has. */
    private boolean over(Failures counted, int lockoutAfter, Instant now) {
        if (counted.count() >= lockoutAfter) {
            return !now.isBefore(counted.last().plus(limits.lockout()));
        }
        return !now.isBefore(counted.first().plus(limits.window()));
    }

    private int lockoutAfterFor(String key) {
        return key.startsWith("address:") ? limits.addressLockoutAfter() : limits.userLockoutAfter();
    }

    private static String userKey(String user) {
        return "user:" + user.toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
