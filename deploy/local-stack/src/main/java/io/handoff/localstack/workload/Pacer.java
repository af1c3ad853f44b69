package io.handoff.localstack.workload;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Paces an application's inserts to a target rate, shared by all its writer threads. Slots lie on a fixed
 * grid ({@code origin + k / rate}), each computed from the origin rather than from the previous slot, so the
 * rate does not drift with rounding or with how late a thread wakes up. Slots missed by more than
 * {@link #MAX_CATCH_UP_NANOS} (a server outage, a slow insert) are dropped instead of written as a burst:
 * the grid starts again at the current time.
 *
 * <p>Thread-safe: {@link #reserve()} is synchronized and only computes; the caller waits outside the lock.
 */
final class Pacer {
    /** How far behind the grid may fall before missed slots are dropped. */
    static final long MAX_CATCH_UP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final Pacer UNLIMITED = new Pacer(0, System::nanoTime);

    private final double nanosPerSlot;
    private final LongSupplier nanoClock;
    private long origin;
    private long slot;
    private boolean started;

    private Pacer(double writesPerSecond, LongSupplier nanoClock) {
        this.nanosPerSlot = writesPerSecond == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / writesPerSecond;
        this.nanoClock = nanoClock;
    }

    /** A pacer for {@code writesPerSecond}; 0 means unlimited (every reservation is due at once). */
    static Pacer of(double writesPerSecond, LongSupplier nanoClock) {
        return writesPerSecond == 0 ? UNLIMITED : new Pacer(writesPerSecond, nanoClock);
    }

    /** Reserves the next slot and returns how many nanoseconds the caller must wait for it (0 when due). */
    synchronized long reserve() {
        if (nanosPerSlot == 0) {
            return 0;
        }
        long now = nanoClock.getAsLong();
        long due = origin + Math.round(slot * nanosPerSlot);
        if (!started || now - due > MAX_CATCH_UP_NANOS) {
            started = true;
            origin = now;
            slot = 0;
            due = now;
        }
        slot++;
        return Math.max(0, due - now);
    }
}
