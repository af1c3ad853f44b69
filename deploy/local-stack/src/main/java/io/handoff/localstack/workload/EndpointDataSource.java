package io.handoff.localstack.workload;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A plain, unpooled {@link DataSource} for one workload application's account at one endpoint: a host (an address,
 * or a name the workload's DNS server resolves at each connection, as {@link Workload}'s own threads do) and a
 * port. What a client library's pool factory gets to reach an endpoint the planner named. Thread-safe.
 */
public final class EndpointDataSource implements DataSource {
    private final DatabaseConnector connector;
    private final NameResolver resolver;
    private final WorkloadApplication application;
    private final String host;
    private final int port;

    public EndpointDataSource(WorkloadSettings settings, WorkloadApplication application, String host, int port) {
        this.connector = new DatabaseConnector(settings);
        this.resolver = DnsNameResolver.udp(settings.dnsServer(), settings.dnsTimeout(), Clock.systemUTC());
        this.application = application;
        this.host = host;
        this.port = port;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connector.open(address(), port, application);
    }

    private InetAddress address() throws SQLException {
        try {
            if (host.chars().allMatch(c -> Character.isDigit(c) || c == '.') || host.contains(":")) {
                return InetAddress.getByName(host); // a literal: no lookup
            }
            return resolver.resolve(host).address();
        } catch (IOException e) {
            throw new SQLTransientConnectionException("cannot resolve " + host + ": " + e.getMessage(), "08001", e);
        }
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the workload's endpoints log in with the application's account");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // No driver log: the workload logs through slf4j.
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // The workload's connect timeout applies.
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    @Override
    public String toString() {
        return "EndpointDataSource[" + application.name() + " at " + host + ":" + port + "]";
    }
}
