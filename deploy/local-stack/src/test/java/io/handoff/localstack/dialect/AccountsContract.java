package io.handoff.localstack.dialect;

import static io.handoff.localstack.dialect.FlavourPair.cluster;
import static io.handoff.localstack.dialect.FlavourPair.dialect;
import static io.handoff.localstack.dialect.FlavourPair.execute;
import static io.handoff.localstack.dialect.FlavourPair.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.common.sql.SqlDialect;
import io.handoff.common.sql.SqlStatement;
import io.handoff.localstack.db.DatabaseServer;
import io.handoff.localstack.mariadb.DbAccount;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The account-lock strategy's statements on the target, run by the account handoff administers it with:
 * the login accounts and their lock state, a lock that refuses new logins, an unlock that admits them, and
 * whether the account may keep those statements out of the binlog ({@code sql_log_bin=0}), which decides
 * whether account-lock can be used at all on that server.
 */
abstract class AccountsContract {

    protected abstract FlavourPair pair();

    /** Whether the administrative account may switch its session's binlog off (false for Aurora's master user). */
    protected abstract boolean clusterAccountCanSwitchBinlogOff();

    @Test
    void lockedAccountCannotLogInUntilUnlocked() throws Exception {
        DatabaseServer target = pair().target;
        SqlDialect sql = dialect(target);
        DbAccount app = target.accounts().app();
        try (Connection admin = cluster(target)) {
            if (clusterAccountCanSwitchBinlogOff()) {
                execute(admin, sql.sessionBinlog(false));
            }
            assertThat(loginAccounts(admin, sql)).anySatisfy(row -> {
                assertThat(row.get("user")).isEqualTo(app.user());
                assertThat(((Number) row.get("locked")).intValue()).isZero();
            });
            execute(admin, sql.lockAccount(app.user(), "%"));
            try {
                assertThat(loginAccounts(admin, sql)).anySatisfy(row -> {
                    assertThat(row.get("user")).isEqualTo(app.user());
                    assertThat(((Number) row.get("locked")).intValue()).isOne();
                });
                assertThatThrownBy(() -> target.connect(app).close()).isInstanceOf(SQLException.class)
                        .hasMessageContaining("locked");
            } finally {
                execute(admin, sql.unlockAccount(app.user(), "%"));
            }
            target.connect(app).close();
        }
    }

    @Test
    void sessionBinlogSwitchIsAllowedExactlyWhereTheAccountHasThePrivilege() throws Exception {
        DatabaseServer target = pair().target;
        SqlDialect sql = dialect(target);
        try (Connection admin = cluster(target)) {
            if (clusterAccountCanSwitchBinlogOff()) {
                execute(admin, sql.sessionBinlog(false));
                execute(admin, sql.sessionBinlog(true));
            } else {
                assertThatThrownBy(() -> execute(admin, sql.sessionBinlog(false))).isInstanceOf(SQLException.class)
                        .hasMessageContaining("privilege");
            }
        }
    }

    /**
     * The accounts account-lock may lock: never a system account (MySQL's SYSTEM_USER holders, which Aurora's master
     * user may not alter: "you need the SYSTEM_USER privilege"), always the application's.
     */
    @Test
    void loginAccountsLeaveSystemAccountsOut() throws Exception {
        DatabaseServer target = pair().target;
        SqlDialect sql = dialect(target);
        try (Connection admin = cluster(target)) {
            List<Object> users = loginAccounts(admin, sql).stream().map(row -> row.get("user")).toList();
            assertThat(users).contains(target.accounts().app().user());
            boolean mysqlGrants = !rows(admin, SqlStatement.of("SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'mysql'"
                    + " AND TABLE_NAME = 'global_grants'")).isEmpty();
            if (mysqlGrants) {
                List<Object> systemAccounts = rows(admin, SqlStatement.of("SELECT USER AS user FROM mysql.global_grants WHERE PRIV ="
                        + " 'SYSTEM_USER'")).stream().map(row -> row.get("user")).toList();
                assertThat(systemAccounts).as("the stack's own administrative account holds SYSTEM_USER")
                        .contains(target.accounts().admin().user());
                assertThat(users).doesNotContainAnyElementsOf(systemAccounts);
            }
        }
    }

    private static List<Map<String, Object>> loginAccounts(Connection admin, SqlDialect sql) throws SQLException {
        return rows(admin, sql.loginAccounts());
    }
}
