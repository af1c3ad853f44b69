package io.handoff.localstack.db;

import io.handoff.localstack.mariadb.DbRole;
import io.handoff.localstack.mariadb.MariaDbServer;
import io.handoff.localstack.mariadb.StackAccounts;
import io.handoff.localstack.mysql.MySqlServer;
import java.nio.file.Path;

/** Creates the server of a flavour; nothing starts until {@link DatabaseServer#start()}. */
public final class DatabaseServers {
    private DatabaseServers() {
    }

    /** A server of {@code flavor} for {@code role}, listening on its role's address and {@code port}, with data under {@code dir}. */
    public static DatabaseServer create(DbRole role, StackFlavor flavor, int port, Path dir, StackAccounts accounts) {
        return switch (flavor) {
            case MARIADB -> new MariaDbServer(role, port, dir, accounts);
            case MYSQL, AURORA_MYSQL -> new MySqlServer(role, flavor, port, dir, accounts);
        };
    }
}
