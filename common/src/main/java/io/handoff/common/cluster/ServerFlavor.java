package io.handoff.common.cluster;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The kind of MySQL-compatible server a cluster runs; it selects the JDBC driver scheme and the
 * SQL dialect. Configuration names it with one of {@link #acceptedNames()}, case-insensitively,
 * through {@link #parse(String)}.
 */
public enum ServerFlavor {

    /** Oracle MySQL 8.0.23 or later (REPLICA / SOURCE syntax, GTID sets). */
    MYSQL_8("mysql", List.of("mysql8", "mysql", "mysql-8", "mysql_8")),
    /** MariaDB 10.6 or later (domain GTIDs, MASTER_GTID_WAIT). */
    MARIADB("mariadb", List.of("mariadb")),
    /** Aurora MySQL 3 and RDS for MySQL: no SUPER, replication through the {@code mysql.rds_*} procedures. */
    AURORA_MYSQL("mysql", List.of("aurora", "aurora-mysql", "aurora_mysql", "rds", "rds-mysql"));

    private final String jdbcScheme;
    private final List<String> aliases;

    ServerFlavor(String jdbcScheme, List<String> aliases) {
        this.jdbcScheme = jdbcScheme;
        this.aliases = aliases;
    }

    /** The scheme of this flavor's JDBC URL: {@code mariadb} or {@code mysql}. */
    public String jdbcScheme() {
        return jdbcScheme;
    }

    /**
     * What this flavor's JDBC URL adds after the address, without the {@code ?}: nothing for MariaDB's driver,
     * {@link #MYSQL_CONNECTION_OPTIONS} for Connector/J.
     */
    public String jdbcOptions() {
        return jdbcScheme.equals("mysql") ? MYSQL_CONNECTION_OPTIONS : "";
    }

    /**
     * Connector/J's options for MySQL 8.0+ accounts, whose {@code caching_sha2_password} first login needs a secure
     * channel: TLS whenever the server offers it ({@code sslMode=PREFERRED}), else the server's RSA key
     * ({@code allowPublicKeyRetrieval=true}, which otherwise fails with "Public Key Retrieval is not allowed").
     */
    public static final String MYSQL_CONNECTION_OPTIONS = "sslMode=PREFERRED&allowPublicKeyRetrieval=true";

    /**
     * The flavor named by a configuration value such as {@code mysql8}, {@code mariadb} or
     * {@code aurora-mysql}, ignoring case and surrounding blanks; the enum constant names are
     * accepted as well.
     *
     * @throws IllegalArgumentException naming the accepted values when {@code name} is none of them
     */
    @JsonCreator
    public static ServerFlavor parse(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (ServerFlavor flavor : values()) {
            if (flavor.aliases.contains(wanted) || flavor.name().toLowerCase(Locale.ROOT).equals(wanted)) {
                return flavor;
            }
        }
        throw new IllegalArgumentException("Unknown server flavor " + (name == null ? "null" : "'" + name + "'")
                + "; accepted values (case-insensitive): " + String.join(", ", acceptedNames()));
    }

    /** Every configuration name {@link #parse(String)} accepts, besides the constant names. */
    public static List<String> acceptedNames() {
        List<String> names = new ArrayList<>();
        Arrays.stream(values()).forEach(flavor -> names.addAll(flavor.aliases));
        return List.copyOf(names);
    }
}
