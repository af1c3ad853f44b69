package io.handoff.localstack.workload;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop of one writer thread: wait for the application's next slot, make sure the connection goes to
 * the server DNS currently names (re-resolving when the cached answer's TTL has run out, reconnecting when
 * the address changed), insert one row with a fresh id, record the ack. Any failure is recorded, then the
 * connection is closed, the DNS answer forgotten, and the thread backs off before it tries again with a
 * new id (an id is sent at most once, so an insert of unknown outcome never collides with a retry).
 *
 * <p>Everything here runs on the writer thread itself; it stops at the next check of {@code running}
 * (waits are cut short by {@link LockSupport#unpark}).
 */
final class WriterThread implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(WriterThread.class);

    private final WorkloadApplication application;
    private final int number;
    private final CachedAddress address;
    private final Pacer pacer;
    private final Backoff backoff;
    private final DatabaseConnector connector;
    private final LongSupplier ids;
    private final WorkloadRecorder recorder;
    private final BooleanSupplier running;
    private final Clock clock;
    private ServerConnection connection;

    /**
     * @param pacer shared by the application's threads
     * @param shared what all threads of the workload share
     */
    WriterThread(WorkloadApplication application, int number, CachedAddress address, Pacer pacer, Backoff backoff,
            Shared shared) {
        this.application = application;
        this.number = number;
        this.address = address;
        this.pacer = pacer;
        this.backoff = backoff;
        this.connector = shared.connector();
        this.ids = shared.ids();
        this.recorder = shared.recorder();
        this.running = shared.running();
        this.clock = shared.clock();
    }

    /**
     * What every writer thread of one workload uses.
     *
     * @param ids     the workload's id source (unique across its applications and threads)
     * @param running false once the workload stops
     */
    record Shared(DatabaseConnector connector, LongSupplier ids, WorkloadRecorder recorder, BooleanSupplier running,
            Clock clock) {
    }

    @Override
    public void run() {
        try {
            while (running.getAsBoolean()) {
                pause(pacer.reserve());
                if (running.getAsBoolean()) {
                    writeOnce();
                }
            }
        } finally {
            disconnect();
        }
    }

    private void writeOnce() {
        String server = WriteError.UNRESOLVED;
        try {
            ResolvedAddress resolved = address.current();
            server = resolved.server();
            ServerConnection current = connectedTo(resolved);
            long id = ids.getAsLong();
            Instant sentAt = clock.instant();
            current.insert(id, application.name(), number);
            recorder.acknowledged(new Ack(id, application.name(), number, server, sentAt, clock.instant()));
            backoff.reset();
        } catch (Exception e) { // SQL, DNS and driver failures alike: record, start over, never die
            recorder.failed(WriteError.of(application.name(), number, server, clock.instant(), e));
            LOG.debug("workload {}-{}: write via {} failed: {}", application.name(), number, server, e.toString());
            disconnect();
            address.invalidate();
            pause(backoff.nextDelayNanos());
        }
    }

    private ServerConnection connectedTo(ResolvedAddress resolved) throws SQLException {
        if (connection != null && connection.server().equals(resolved.address())) {
            return connection;
        }
        if (connection != null) {
            LOG.info("workload {}-{}: {} now resolves to {}, reconnecting", application.name(), number,
                    application.databaseName(), resolved.server());
            disconnect();
        }
        connection = ServerConnection.open(connector, resolved.address(), application);
        return connection;
    }

    private void disconnect() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    /** Waits {@code nanos}, or less if the workload stops meanwhile. */
    private void pause(long nanos) {
        long deadline = System.nanoTime() + nanos;
        for (long left = nanos; left > 0 && running.getAsBoolean(); left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(this, left);
        }
    }
}
