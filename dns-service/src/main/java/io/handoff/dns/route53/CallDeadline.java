package io.handoff.dns.route53;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;

/**
 * The deadline of the command being run, held for the thread running it, which bounds every Route 53 call
 * {@link RecordSets} and {@link HostedZones} make meanwhile: each call (all its attempts, and the SDK's
 * retries with their backoff) gets the time left until the deadline as its API call timeout, at least
 * {@link #MIN_CALL_TIME} so that a call made at or after the deadline (putting a zone back after a failure)
 * still gets a chance. A call given up that way fails as {@link Route53Failure.Kind#DEADLINE}. Outside a
 * {@link #until scope} calls get the client's own API call timeout (see the client producer).
 *
 * <p>dns-service runs one command at a time on its worker thread; scopes nest (closing one restores the
 * deadline that was in force before it).
 */
public final class CallDeadline {
    /** The least time a call gets, even at or past the deadline. */
    public static final Duration MIN_CALL_TIME = Duration.ofSeconds(1);

    private static final ThreadLocal<Instant> CURRENT = new ThreadLocal<>();
    private static final Clock CLOCK = Clock.systemUTC();

    private CallDeadline() {
    }

    /** An open deadline scope; closing it restores the one before. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** Bounds the Route 53 calls of this thread by {@code deadline} until the returned scope is closed. */
    public static Scope until(Instant deadline) {
        Instant previous = CURRENT.get();
        CURRENT.set(deadline);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /**
     * The API call timeout a call made now gets: the time left until the deadline in force, at least
     * {@link #MIN_CALL_TIME}; {@code null} outside a scope.
     */
    static Duration callTimeout(Instant now) {
        Instant deadline = CURRENT.get();
        if (deadline == null) {
            return null;
        }
        Duration left = Duration.between(now, deadline);
        return left.compareTo(MIN_CALL_TIME) < 0 ? MIN_CALL_TIME : left;
    }

    /** Sets the API call timeout of one request (see {@link #callTimeout}); leaves it unset outside a scope. */
    static void apply(AwsRequestOverrideConfiguration.Builder override) {
        Duration timeout = callTimeout(CLOCK.instant());
        if (timeout != null) {
            override.apiCallTimeout(timeout);
        }
    }
}
