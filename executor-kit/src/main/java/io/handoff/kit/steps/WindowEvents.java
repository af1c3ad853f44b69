package io.handoff.kit.steps;

import io.handoff.common.event.StepEvent;
import io.handoff.kit.messaging.KeyedSender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The events of a prepared fence window's steps ({@link FenceRunner}): held while the window runs, so that no send
 * competes with its statements, and sent in order when it ends ({@link #close}) or when a step needs its own out first
 * ({@link #flush}). A window that lasts longer than {@link #LIVE_AFTER} (a step that waits: WAIT_SYNC on a replica that
 * lags) goes live: what is held is sent then, from the scheduler's thread, and every later event as it comes, so that
 * the plan shows the step that waits. Thread-safe: the window's thread adds, the scheduler may go live meanwhile.
 */
final class WindowEvents implements AutoCloseable {
    /** How long a window's events may be held. */
    static final Duration LIVE_AFTER = Duration.ofMillis(200);

    private final StepEventPublisher publisher;
    private final List<StepEvent> held = new ArrayList<>();
    private final List<CompletableFuture<Void>> sent = new ArrayList<>();
    private final ScheduledFuture<?> timer;
    private boolean live;

    WindowEvents(StepEventPublisher publisher, ScheduledExecutorService scheduler) {
        this.publisher = publisher;
        this.timer = scheduler.schedule(this::goLive, LIVE_AFTER.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Holds {@code event}, or sends it when the window is live. */
    synchronized void add(StepEvent event) {
        if (live) {
            sent.add(publisher.sendWithoutWaiting(event));
        } else {
            held.add(event);
        }
    }

    /** Sends, in order, every event held so far. */
    synchronized void flush() {
        held.forEach(event -> sent.add(publisher.sendWithoutWaiting(event)));
        held.clear();
    }

    private synchronized void goLive() {
        live = true;
        flush();
    }

    /** The window ended: sends what is held and waits until the broker acknowledged every event of the window. */
    @Override
    public void close() {
        timer.cancel(false);
        List<CompletableFuture<Void>> all;
        synchronized (this) {
            flush();
            all = List.copyOf(sent);
        }
        all.forEach(KeyedSender::await);
    }
}
