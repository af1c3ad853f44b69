package io.handoff.common.cluster;

import io.handoff.common.Require;

/**
 * One database cluster of the registry: where it is, what runs there and the administrative account
 * handoff uses on it. Plans name clusters; hosts and passwords stay in each service's configuration
 * ({@code handoff.clusters.<name>.host|port|flavor|user|password}). The password never appears in
 * {@link #toString()}.
 *
 * @param name     registry name, e.g. {@code onprem-main}
 * @param host     host name or IP address (IPv6 without brackets is accepted)
 * @param port     TCP port, 1 to 65535
 * @param flavor   server flavor, which selects driver and SQL dialect
 * @param user     administrative account
 * @param password that account's password
 * @param replication the account another server uses to replicate from this one
 *                    ({@code handoff.clusters.<name>.replication-user|replication-password})
 */
public record ClusterSpec(String name, String host, int port, ServerFlavor flavor, String user, Secret password,
        Credentials replication) {

    /** A cluster whose replication account is its administrative account. */
    public ClusterSpec(String name, String host, int port, ServerFlavor flavor, String user, Secret password) {
        this(name, host, port, flavor, user, password,
                user == null || user.isBlank() || password == null ? null : new Credentials(user, password));
    }

    /** Validates every component. */
    public ClusterSpec {
        Require.nonBlank(name, "ClusterSpec.name");
        Require.nonBlank(host, "ClusterSpec.host");
        Require.between(port, 1, 65535, "ClusterSpec(" + name + ").port");
        Require.nonNull(flavor, "ClusterSpec(" + name + ").flavor");
        Require.nonBlank(user, "ClusterSpec(" + name + ").user");
        Require.nonNull(password, "ClusterSpec(" + name + ").password");
        Require.nonNull(replication, "ClusterSpec(" + name + ").replication");
    }

    /**
     * The JDBC URL without a default schema: {@code jdbc:mariadb://host:port/} for MariaDB,
     * {@code jdbc:mysql://host:port/?sslMode=PREFERRED&allowPublicKeyRetrieval=true} for the MySQL
     * flavors. The credentials are not part of it.
     *
     * <p>MySQL 8.0+ accounts default to {@code caching_sha2_password}, whose first login (before the
     * server caches the password) needs a secure channel: Connector/J's {@code sslMode=PREFERRED}
     * (its default, given explicitly) sends the password over TLS whenever the server offers TLS, and
     * {@code allowPublicKeyRetrieval=true} lets it fetch the server's RSA key when the server has no TLS,
     * which otherwise fails with "Public Key Retrieval is not allowed". Connector/J documents that the
     * key so fetched is not authenticated: where TLS is off, the network must be trusted.
     */
    public String jdbcUrl() {
        String address = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        String base = "jdbc:" + flavor.jdbcScheme() + "://" + address + ":" + port + "/";
        return flavor.jdbcOptions().isEmpty() ? base : base + "?" + flavor.jdbcOptions();
    }

    /** Every component but the password, which shows as {@value Secret#MASK}. */
    @Override
    public String toString() {
        return "ClusterSpec[name=" + name + ", host=" + host + ", port=" + port + ", flavor=" + flavor
                + ", user=" + user + ", password=" + Secret.MASK + ", replication=" + replication + "]";
    }
}
