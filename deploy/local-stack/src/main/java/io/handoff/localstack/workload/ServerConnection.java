package io.handoff.localstack.workload;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A writer thread's connection to one server with its prepared insert. Not thread-safe: owned by one
 * writer thread, closed after any error and whenever DNS moves the name to another server.
 */
final class ServerConnection implements AutoCloseable {
    private final InetAddress server;
    private final Connection connection;
    private final PreparedStatement insert;

    private ServerConnection(InetAddress server, Connection connection, PreparedStatement insert) {
        this.server = server;
        this.connection = connection;
        this.insert = insert;
    }

    static ServerConnection open(DatabaseConnector connector, InetAddress server, WorkloadApplication application)
            throws SQLException {
        Connection connection = connector.open(server, application);
        try {
            return new ServerConnection(server, connection,
                    connection.prepareStatement(WritesTable.insertSql(application.schema())));
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    InetAddress server() {
        return server;
    }

    /** Inserts one row with autocommit; returning normally means the server acknowledged the commit. */
    void insert(long id, String application, int thread) throws SQLException {
        insert.setLong(1, id);
        insert.setString(2, application);
        insert.setInt(3, thread);
        int rows = insert.executeUpdate();
        if (rows != 1) {
            throw new SQLException("insert of id " + id + " reported " + rows + " rows");
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
