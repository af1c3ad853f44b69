package io.handoff.localstack.workload;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * A writer thread's connection to one server with its prepared statements. Not thread-safe: owned by one
 * writer thread, closed after any error and whenever DNS moves the name to another server.
 *
 * <p>Each write says how it failed: {@link InDoubtException} when the connection broke, or the server killed
 * the session (a KILL, a shutdown), while the statement that commits (an autocommit write, or a transfer's
 * COMMIT) was in flight, so the commit may or may not have happened; any other {@link SQLException} means
 * certainly not committed (the server refused it, or it failed before its commit was sent: the server rolls an
 * open transaction back when its connection goes).
 */
final class ServerConnection implements AutoCloseable {
    /** SQLSTATE of a statement or session the server killed (MySQL, MariaDB). */
    private static final String KILLED_STATE = "70100";
    /**
     * ER_SERVER_SHUTDOWN, ER_QUERY_INTERRUPTED, ER_CONNECTION_KILLED (MariaDB) and ER_SESSION_WAS_KILLED (MySQL): the
     * server ended the statement or the session itself.
     */
    private static final Set<Integer> KILLED_CODES = Set.of(1053, 1317, 1927, 3169);

    private final InetAddress server;
    private final Connection connection;
    private final PreparedStatement insert;
    private final PreparedStatement update;
    private final PreparedStatement delete;
    private final PreparedStatement move;
    private final PreparedStatement recordTransfer;

    /** The connection broke while a commit was in flight: its outcome is unknown. */
    static final class InDoubtException extends SQLException {
        InDoubtException(SQLException cause) {
            super("commit in doubt: " + cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
        }
    }

    private ServerConnection(InetAddress server, Connection connection, String schema) throws SQLException {
        this.server = server;
        this.connection = connection;
        this.insert = connection.prepareStatement(WritesTable.insertSql(schema));
        this.update = connection.prepareStatement(WritesTable.updateSql(schema));
        this.delete = connection.prepareStatement(WritesTable.deleteSql(schema));
        this.move = connection.prepareStatement(WritesTable.moveSql(schema));
        this.recordTransfer = connection.prepareStatement(WritesTable.recordTransferSql(schema));
    }

    static ServerConnection open(DatabaseConnector connector, InetAddress server, WorkloadApplication application)
            throws SQLException {
        return over(server, connector.open(server, application), application);
    }

    /**
     * Over a connection from the application's own {@link WorkloadApplication#connections() source}, which may move it
     * from server to server underneath (a client library following a flip): {@link #serverName()} asks it each time.
     */
    static ServerConnection taken(WorkloadApplication application) throws SQLException {
        return over(null, application.connections().getConnection(), application);
    }

    private static ServerConnection over(InetAddress server, Connection connection, WorkloadApplication application)
            throws SQLException {
        try {
            return new ServerConnection(server, connection, application.schema());
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /** The address DNS gave this connection; null for a connection {@linkplain #taken taken} from a source. */
    InetAddress server() {
        return server;
    }

    /**
     * The address of the server the connection goes to now: the DNS answer's, or the host of the URL the connection
     * reports (a source may have moved it underneath since the last write).
     */
    String serverName() {
        if (server != null) {
            return server.getHostAddress();
        }
        try {
            return hostOf(connection.getMetaData().getURL());
        } catch (SQLException e) {
            return WriteError.UNRESOLVED;
        }
    }

    /** {@code 127.0.0.3} of {@code jdbc:mariadb://127.0.0.3:3306/}; the bracketed part of an IPv6 URL. */
    static String hostOf(String url) {
        int start = url.indexOf("//");
        if (start < 0) {
            return WriteError.UNRESOLVED;
        }
        String rest = url.substring(start + 2);
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            return close < 0 ? WriteError.UNRESOLVED : rest.substring(1, close);
        }
        int end = 0;
        while (end < rest.length() && ":/?,;".indexOf(rest.charAt(end)) < 0) {
            end++;
        }
        return end == 0 ? WriteError.UNRESOLVED : rest.substring(0, end);
    }

    /** Inserts one row with autocommit; returning normally means the server acknowledged the commit. */
    void insert(long id, String application, int thread) throws SQLException {
        insert.setLong(1, id);
        insert.setString(2, application);
        insert.setInt(3, thread);
        expectOneRow(committing(insert), "insert of id " + id);
    }

    /** Sets row {@code id}'s {@code val} with autocommit; a row that is not there is an error (a lost row). */
    void update(long id, long value) throws SQLException {
        update.setLong(1, value);
        update.setLong(2, id);
        expectOneRow(committing(update), "update of id " + id);
    }

    /** Deletes row {@code id} with autocommit; a row that is not there is an error (a lost row). */
    void delete(long id) throws SQLException {
        delete.setLong(1, id);
        expectOneRow(committing(delete), "delete of id " + id);
    }

    /**
     * Moves {@code amount} from account {@code from} to {@code to} and records transfer {@code id}, in one
     * transaction (accounts locked in id order, so that two transfers never deadlock on them).
     */
    void transfer(long id, int from, int to, long amount) throws SQLException {
        connection.setAutoCommit(false);
        boolean committed = false;
        try {
            int first = Math.min(from, to);
            int second = Math.max(from, to);
            move(first, first == from ? -amount : amount);
            move(second, second == from ? -amount : amount);
            recordTransfer.setLong(1, id);
            recordTransfer.setInt(2, from);
            recordTransfer.setInt(3, to);
            recordTransfer.setLong(4, amount);
            expectOneRow(recordTransfer.executeUpdate(), "record of transfer " + id);
            try {
                connection.commit();
            } catch (SQLException e) {
                throw outcomeUnknown(e) ? new InDoubtException(e) : e;
            }
            committed = true;
        } finally {
            if (!committed) {
                rollbackQuietly();
            }
        }
        connection.setAutoCommit(true);
    }

    private void move(int account, long delta) throws SQLException {
        move.setLong(1, delta);
        move.setInt(2, account);
        expectOneRow(move.executeUpdate(), "balance of account " + account);
    }

    private int committing(PreparedStatement statement) throws SQLException {
        try {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw outcomeUnknown(e) ? new InDoubtException(e) : e;
        }
    }

    /**
     * The connection itself failed, or the server ended the session or statement on its own (a KILL, a shutdown):
     * whatever was in flight is unknown. A kill sets a flag the server checks between stages, so it may land after
     * the commit and still be reported instead of the OK. Any other refusal the server sent back means the
     * statement (an autocommit one: its transaction) did not commit.
     */
    private boolean outcomeUnknown(SQLException e) {
        if (e instanceof SQLNonTransientConnectionException || e instanceof SQLTransientConnectionException
                || (e.getSQLState() != null && (e.getSQLState().startsWith("08") || e.getSQLState().equals(KILLED_STATE)))
                || KILLED_CODES.contains(e.getErrorCode())) {
            return true;
        }
        try {
            return connection.isClosed();
        } catch (SQLException closed) {
            return true;
        }
    }

    private static void expectOneRow(int rows, String what) throws SQLException {
        if (rows != 1) {
            throw new SQLException(what + " changed " + rows + " rows: the row is not there", "02000");
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // The connection is given up after a failure anyway; the server rolls back what it holds.
        }
    }

    /** Closes quietly: the connection is being given up, usually because it already failed. */
    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Nothing to do about a connection that cannot even be closed; the server drops it.
        }
    }
}
