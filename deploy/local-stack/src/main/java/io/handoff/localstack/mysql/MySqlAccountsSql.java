package io.handoff.localstack.mysql;

import io.handoff.localstack.mariadb.DbAccount;
import io.handoff.localstack.mariadb.StackAccounts;

/**
 * The stack's accounts as Oracle MySQL spells them ({@code caching_sha2_password}, MySQL's privilege
 * names). The {@code master} account is Aurora MySQL 3's master user: every privilege but those that
 * let it bypass or change server-wide settings and replication directly (SUPER, SYSTEM_VARIABLES_ADMIN,
 * CONNECTION_ADMIN, REPLICATION_SLAVE_ADMIN, SESSION_VARIABLES_ADMIN, BINLOG_ADMIN and the like), so it is
 * refused {@code SET GLOBAL read_only}, {@code SET sql_log_bin} and {@code CHANGE REPLICATION SOURCE}, is
 * held by {@code read_only}, and goes through the {@code mysql.rds_*} procedures instead.
 */
final class MySqlAccountsSql {
    /** What Aurora's master user lacks, among the privileges {@code ALL} grants on MySQL 9.7. */
    static final String PRIVILEGES_AURORA_MASTER_LACKS = "SUPER, SYSTEM_VARIABLES_ADMIN, CONNECTION_ADMIN, REPLICATION_SLAVE_ADMIN, SYSTEM_USER,"
            + " SESSION_VARIABLES_ADMIN, BINLOG_ADMIN, GROUP_REPLICATION_ADMIN, REPLICATION_APPLIER, SHUTDOWN,"
            + " PERSIST_RO_VARIABLES_ADMIN, SERVICE_CONNECTION_ADMIN";

    private MySqlAccountsSql() {
    }

    /**
     * SQL creating the accounts, run as root with {@code sql_log_bin=0}: accounts are per server and must not
     * replicate (they would be errant GTIDs on the other side).
     */
    static String of(StackAccounts accounts) {
        StringBuilder sql = new StringBuilder("SET sql_log_bin=0;\n");
        create(sql, accounts.admin(), "ALL PRIVILEGES ON *.* TO %s WITH GRANT OPTION");
        // What a replica's I/O thread needs, and what Debezium's MySQL connector needs beyond it.
        create(sql, accounts.repl(), "REPLICATION SLAVE, REPLICATION CLIENT, SELECT, RELOAD, SHOW DATABASES ON *.* TO %s");
        create(sql, accounts.master(), "ALL PRIVILEGES ON *.* TO %s WITH GRANT OPTION");
        sql.append("REVOKE ").append(PRIVILEGES_AURORA_MASTER_LACKS).append(" ON *.* FROM ").append(account(accounts.master())).append(";\n");
        create(sql, accounts.app(), "SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, INDEX, ALTER ON *.* TO %s");
        create(sql, accounts.auth(), "SELECT, INSERT, UPDATE, DELETE ON *.* TO %s");
        return sql.append("SET sql_log_bin=1;\n").toString();
    }

    private static void create(StringBuilder sql, DbAccount account, String grant) {
        sql.append("DROP USER IF EXISTS ").append(account(account)).append(";\n")
                .append("CREATE USER ").append(account(account)).append(" IDENTIFIED BY '").append(account.password()).append("';\n")
                .append("GRANT ").append(grant.formatted(account(account))).append(";\n");
    }

    private static String account(DbAccount account) {
        return "'" + account.user() + "'@'%'";
    }
}
