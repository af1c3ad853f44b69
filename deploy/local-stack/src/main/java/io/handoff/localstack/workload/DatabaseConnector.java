package io.handoff.localstack.workload;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens JDBC connections (MariaDB driver, autocommit) to an address that DNS gave, with the workload's
 * connect and socket timeouts. The password goes in the connection properties, never into the URL.
 */
final class DatabaseConnector {
    private final WorkloadSettings settings;

    DatabaseConnector(WorkloadSettings settings) {
        this.settings = settings;
    }

    Connection open(InetAddress server, WorkloadApplication application) throws SQLException {
        return open(server, application.port(), application);
    }

    /** A connection to {@code server} on {@code port} with {@code application}'s account. */
    Connection open(InetAddress server, int port, WorkloadApplication application) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", application.account().user());
        properties.setProperty("password", application.account().password());
        properties.setProperty("connectTimeout", Long.toString(settings.connectTimeout().toMillis()));
        properties.setProperty("socketTimeout", Long.toString(settings.socketTimeout().toMillis()));
        // MySQL 9 accounts use caching_sha2_password: without TLS its first login needs the server's RSA key.
        properties.setProperty("allowPublicKeyRetrieval", "true");
        Connection connection = DriverManager.getConnection(url(server, port), properties);
        connection.setAutoCommit(true);
        return connection;
    }

    private static String url(InetAddress server, int port) {
        String host = server instanceof Inet6Address ? "[" + server.getHostAddress() + "]" : server.getHostAddress();
        return "jdbc:mariadb://" + host + ":" + port + "/";
    }
}
