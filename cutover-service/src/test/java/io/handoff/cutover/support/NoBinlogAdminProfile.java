package io.handoff.cutover.support;

import io.handoff.localstack.ClusterRegistration;
import io.handoff.localstack.LocalStack;
import io.handoff.localstack.SharedLocalStack;
import io.handoff.localstack.mariadb.DbAccount;
import io.handoff.localstack.db.DatabaseServer;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The target server registered a second time, as cluster {@value #LOCKER} (the source as {@value #LOCKER_SOURCE}),
 * reached as an administrative
 * account that may lock accounts but may not switch its session's binlog off (no SUPER, BINLOG ADMIN,
 * CONNECTION ADMIN, READ_ONLY ADMIN): the situation of Aurora 3's master user, which lacks
 * SESSION_VARIABLES_ADMIN, on a server without {@code mysql.rds_set_read_only} (older than 3.06), so it cannot set
 * read-only either. The account is the test's own ({@link #createAccount}, {@link #dropAccount}),
 * created on both servers without binlogging. The service also holds the {@code app} account's password
 * on both clusters, for the per-user kill strategy.
 */
public final class NoBinlogAdminProfile implements QuarkusTestProfile {
    /** Registry name of the target server seen through the account without binlog privileges. */
    public static final String LOCKER = "locker";
    /** Registry name of the source server seen through the same account. */
    public static final String LOCKER_SOURCE = "locker-source";
    /** User name of the administrative account without binlog privileges. */
    public static final String USER = "nobinlog";

    /**
     * The account, its password derived from the stack's admin password: the same in the profile and in the
     * test, which Quarkus may load in different class loaders (a static random one could differ).
     */
    public static DbAccount account() {
        String admin = SharedLocalStack.get().accounts().admin().password();
        return new DbAccount(USER, new StringBuilder(admin).reverse() + "Nb7");
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        LocalStack stack = SharedLocalStack.get();
        DbAccount account = account();
        Map<String, String> config = new LinkedHashMap<>();
        config.putAll(ClusterRegistration.of(LOCKER, stack.target(), "mariadb", account, stack));
        config.putAll(ClusterRegistration.of(LOCKER_SOURCE, stack.source(), "mariadb", account, stack));
        DbAccount app = stack.accounts().app();
        for (String cluster : List.of(LOCKER, LOCKER_SOURCE, Servers.A)) {
            config.put("handoff.cutover.kill-accounts." + cluster + "." + app.user(), app.password());
        }
        return config;
    }


    /** Creates {@link #account()} on both servers, not binlogged (accounts are per server). */
    public static void createAccount() {
        DbAccount created = account();
        String account = "'" + USER + "'@'%'";
        for (DatabaseServer server : servers()) {
            server.runAsRoot("SET sql_log_bin=0;\nCREATE OR REPLACE USER " + account + " IDENTIFIED BY '" + created.password()
                    + "';\nGRANT ALL PRIVILEGES ON *.* TO " + account + " WITH GRANT OPTION;\n"
                    + "REVOKE SUPER, BINLOG ADMIN, CONNECTION ADMIN, READ_ONLY ADMIN ON *.* FROM " + account + ";\n"
                    + "SET sql_log_bin=1;\n");
        }
    }

    /** Drops {@link #account()} from both servers, not binlogged. */
    public static void dropAccount() {
        for (DatabaseServer server : servers()) {
            server.runAsRoot("SET sql_log_bin=0;\nDROP USER IF EXISTS '" + USER + "'@'%';\nSET sql_log_bin=1;\n");
        }
    }

    private static List<DatabaseServer> servers() {
        return List.of(SharedLocalStack.get().source(), SharedLocalStack.get().target());
    }
}
