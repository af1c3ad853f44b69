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
 * the address changed), make one write attempt with a fresh id (an insert, an update or delete of a row this
 * thread inserted, or a transfer: {@link ThreadRows}), record it before it is sent and its outcome after.
 * Any failure is recorded, then the connection is closed, the DNS answer forgotten, and the thread backs off
 * before it tries again with a new id (an id is sent at most once, so a write of unknown outcome never
 * collides with a retry). A row whose last write is in doubt is never written again: only reading it after
 * the run tells whether that write committed.
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
    private final ThreadRows rows;
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
        this.rows = new ThreadRows(application.mix());
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
        WriteAttempt attempt = null;
        int handle = -1;
        ServerConnection current = null;
        try {
            if (application.followsItsOwnSource()) {
                current = taken();
                server = current.serverName();
            } else {
                ResolvedAddress resolved = address.current();
                server = resolved.server();
                current = connectedTo(resolved);
            }
            attempt = next(ids.getAsLong(), server, clock.instant());
            handle = recorder.begin(attempt);
            execute(current, attempt);
            recorder.ended(handle, WriteAttempt.Outcome.ACKNOWLEDGED, clock.instant(), current.serverName());
            applied(attempt);
            backoff.reset();
        } catch (Exception e) { // SQL, DNS and driver failures alike: record, start over, never die
            boolean inDoubt = e instanceof ServerConnection.InDoubtException;
            server = endedOn(current, server);
            if (handle >= 0) {
                recorder.ended(handle, inDoubt ? WriteAttempt.Outcome.IN_DOUBT : WriteAttempt.Outcome.FAILED_BEFORE_COMMIT,
                        clock.instant(), server);
                if (inDoubt || e instanceof java.sql.SQLException sql && "02000".equals(sql.getSQLState())) {
                    rows.freeze(attempt.row()); // only reading the row after the run can tell its state now
                }
            }
            recorder.failed(WriteError.of(application.name(), number, server, clock.instant(), e));
            LOG.debug("workload {}-{}: write via {} failed: {}", application.name(), number, server, e.toString());
            disconnect();
            address.invalidate();
            pause(backoff.nextDelayNanos());
        }
    }

    /** The next attempt of this thread, by {@link WorkloadApplication#mix()}: see {@link ThreadRows#next}. */
    private WriteAttempt next(long id, String server, Instant sentAt) {
        return rows.next(id, application, number, server, sentAt);
    }

    private static void execute(ServerConnection connection, WriteAttempt attempt) throws java.sql.SQLException {
        switch (attempt.operation()) {
            case INSERT -> connection.insert(attempt.id(), attempt.application(), attempt.thread());
            case UPDATE -> connection.update(attempt.row(), attempt.id());
            case DELETE -> connection.delete(attempt.row());
            case TRANSFER -> connection.transfer(attempt.id(), attempt.from(), attempt.to(), attempt.amount());
        }
    }

    private void applied(WriteAttempt attempt) {
        rows.applied(attempt);
    }

    /** Where a failed write went: the connection's server now, or where it was sent when that is unknown. */
    private static String endedOn(ServerConnection connection, String sentTo) {
        String now = connection == null ? WriteError.UNRESOLVED : connection.serverName();
        return WriteError.UNRESOLVED.equals(now) ? sentTo : now;
    }

    /** The connection taken from the application's own source, kept until a write on it fails. */
    private ServerConnection taken() throws SQLException {
        if (connection == null) {
            connection = ServerConnection.taken(application);
        }
        return connection;
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
