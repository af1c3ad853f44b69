package io.handoff.client;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where one application's writes go, as its events say, and the hold while a fence runs. Thread-safe: the event
 * follower applies events, any application thread waits. Waiting is on a condition the next event signals,
 * never a poll.
 */
final class MasterRoute {
    /** What a caller may go on with: the master's endpoint and how many fences had ended then. */
    record Snapshot(Endpoint endpoint, long settled) {
    }

    private final String application;
    private final Duration budget;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong heldTooLong = new AtomicLong();
    private final AtomicLong stale = new AtomicLong();
    private final AtomicLong moves = new AtomicLong();
    private Endpoint current;
    private MasterEvent last;
    /** The FENCE_STARTED in progress, or null. */
    private MasterEvent fence;
    private long fenceDeadline;
    /** A server refused a statement as read-only since the fence started: its writes are fenced, hold everything. */
    private boolean fenced;
    /** Fences ended (MASTER_WRITABLE or ROLLED_BACK applied). */
    private long settled;

    MasterRoute(String application, Endpoint initial, Duration budget) {
        this.application = application;
        this.current = initial;
        this.budget = budget;
    }

    /**
     * Applies {@code event} if it is this application's and newer than the last one applied; returns whether it was.
     * A FENCE_STARTED older than the budget (by its {@code occurredAt}) holds nothing: a late event never blocks.
     */
    boolean apply(MasterEvent event, Instant now) {
        if (!application.equals(event.application())) {
            return false;
        }
        lock.lock();
        try {
            if (!event.isNewerThan(last)) {
                stale.incrementAndGet();
                return false;
            }
            last = event;
            if (event.kind() == MasterEvent.Kind.FENCE_STARTED) {
                Duration age = Duration.between(event.occurredAt(), now);
                age = age.isNegative() ? Duration.ZERO : age;
                fence = age.compareTo(budget) < 0 ? event : null;
                fenced = false;
                fenceDeadline = System.nanoTime() + budget.minus(age).toNanos();
            } else {
                fence = null;
                fenced = false;
                settled++;
                if (!event.master().equals(current)) {
                    moves.incrementAndGet();
                }
                current = event.master();
            }
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits while a fence holds this call, until the fence ends or its budget (from the fence's start) is spent; then
     * returns where to go. From FENCE_STARTED on, a fence holds what would start a transaction (which the fence's kill
     * could cut short); once a server refused a statement as read-only ({@link #refusedAsReadOnly}), it holds
     * everything. A call that arrives after the budget was spent does not wait: the fence is taken as stale (the
     * planner's events may be lost) and the statement goes where the last event said.
     *
     * @param startsTransaction whether the call would start a transaction (a statement with autocommit off and no
     *                          transaction open)
     * @throws HeldTooLongException when this call waited and the fence did not end within its budget
     */
    Snapshot awaitOpen(boolean startsTransaction) throws HeldTooLongException {
        lock.lock();
        try {
            boolean waited = false;
            long started = System.nanoTime();
            while (fence != null && (startsTransaction || fenced) && fenceDeadline - System.nanoTime() > 0) {
                if (!waited) {
                    waited = true;
                    held.incrementAndGet();
                }
                changed.awaitNanos(fenceDeadline - System.nanoTime());
            }
            if (waited && fence != null && (startsTransaction || fenced)) {
                heldTooLong.incrementAndGet();
                throw new HeldTooLongException(String.format("handoff: application %s held this statement %d ms while plan"
                        + " %s (epoch %d) fenced its master %s, and no event said the new master %s was writable or the"
                        + " flip rolled back within the hold budget of %d ms; the statement was not sent", application,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), fence.planId(), fence.fencingEpoch(),
                        fence.source(), fence.target(), budget.toMillis()));
            }
            return new Snapshot(current, settled);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HeldTooLongException("handoff: application " + application + " was interrupted while a fence held"
                    + " its statement; the statement was not sent");
        } finally {
            lock.unlock();
        }
    }

    /**
     * After a read-only refusal: from now on the fence in progress holds everything; waits up to the budget for a fence
     * to end after {@code settledBefore} fences had ended; returns where to go then, or null when none ended in time.
     */
    Snapshot refusedAsReadOnly(long settledBefore) {
        lock.lock();
        try {
            fencedByServer();
            held.incrementAndGet();
            return awaitSettled(settledBefore);
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to the budget for a fence to end after {@code settledBefore} had; where to go then, or null. */
    Snapshot awaitSettled(long settledBefore) {
        lock.lock();
        try {
            long deadline = System.nanoTime() + budget.toNanos();
            while (settled == settledBefore && deadline - System.nanoTime() > 0) {
                changed.awaitNanos(deadline - System.nanoTime());
            }
            return settled == settledBefore ? null : new Snapshot(current, settled);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** Whether a fence is in progress that holds only what starts a transaction yet (no server refused anything). */
    boolean armed() {
        lock.lock();
        try {
            return fence != null && !fenced;
        } finally {
            lock.unlock();
        }
    }

    /** A server showed that the fence in progress reached it (a connection it killed): from now on, hold everything. */
    void fencedByServer() {
        lock.lock();
        try {
            if (fence != null) {
                fenced = true;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether a FENCE_STARTED was applied and no end of it yet. */
    boolean fenceInProgress() {
        lock.lock();
        try {
            return fence != null;
        } finally {
            lock.unlock();
        }
    }

    /** Where to go now, without waiting. */
    Snapshot now() {
        lock.lock();
        try {
            return new Snapshot(current, settled);
        } finally {
            lock.unlock();
        }
    }

    Duration budget() {
        return budget;
    }

    String application() {
        return application;
    }

    /** The route's part of {@link Stats}. */
    Stats stats(long retried, long swapped, boolean connected) {
        lock.lock();
        try {
            return new Stats(held.get(), heldTooLong.get(), retried, swapped, moves.get(), stale.get(), current,
                    last == null ? null : last.kind(), last == null ? 0 : last.fencingEpoch(),
                    last == null ? null : last.planId(), connected);
        } finally {
            lock.unlock();
        }
    }
}
