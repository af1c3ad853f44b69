package io.handoff.localstack.mariadb;

import java.util.List;

/**
 * The accounts present on both local servers, with the privileges that make them realistic.
 *
 * @param admin  all privileges (a self-managed server's DBA)
 * @param repl   replication only: what a replica's IO thread and a binlog reader need
 * @param master all privileges except SUPER, CONNECTION ADMIN and READ_ONLY ADMIN, like Aurora's
 *               master user: refused {@code SET GLOBAL read_only}, allowed {@code ALTER USER ... ACCOUNT LOCK}
 * @param app    an application account (DML and DDL on application schemas)
 * @param auth   the authentication service's account, exempt from locks and kills during a flip
 */
public record StackAccounts(DbAccount admin, DbAccount repl, DbAccount master, DbAccount app, DbAccount auth) {

    /** Fresh random passwords for every account. */
    public static StackAccounts random() {
        return new StackAccounts(DbAccount.withRandomPassword("admin"), DbAccount.withRandomPassword("repl"),
                DbAccount.withRandomPassword("master"), DbAccount.withRandomPassword("app"),
                DbAccount.withRandomPassword("auth"));
    }

    public List<DbAccount> all() {
        return List.of(admin, repl, master, app, auth);
    }

    /**
     * SQL creating the accounts. Runs with {@code sql_log_bin=0}: accounts are per server and must not
     * replicate (on a GTID-strict replica they would be errant transactions).
     */
    String setupSql() {
        StringBuilder sql = new StringBuilder("SET sql_log_bin=0;\n")
                // Anonymous accounts shadow 'x'@'%' for clients on loopback.
                .append("DELETE FROM mysql.global_priv WHERE User='';\n")
                .append("FLUSH PRIVILEGES;\n");
        create(sql, admin, "ALL PRIVILEGES ON *.* TO %s WITH GRANT OPTION");
        create(sql, repl, "REPLICATION SLAVE, BINLOG MONITOR, SLAVE MONITOR, SELECT, RELOAD, SHOW DATABASES ON *.* TO %s");
        create(sql, master, "ALL PRIVILEGES ON *.* TO %s WITH GRANT OPTION");
        sql.append("REVOKE SUPER, CONNECTION ADMIN, READ_ONLY ADMIN ON *.* FROM ").append(account(master)).append(";\n");
        create(sql, app, "SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, INDEX, ALTER ON *.* TO %s");
        create(sql, auth, "SELECT, INSERT, UPDATE, DELETE ON *.* TO %s");
        return sql.append("SET sql_log_bin=1;\n").toString();
    }

    private static void create(StringBuilder sql, DbAccount account, String grant) {
        sql.append("CREATE OR REPLACE USER ").append(account(account)).append(" IDENTIFIED BY '")
                .append(account.password()).append("';\n")
                .append("GRANT ").append(grant.formatted(account(account))).append(";\n");
    }

    private static String account(DbAccount account) {
        return "'" + account.user() + "'@'%'";
    }
}
