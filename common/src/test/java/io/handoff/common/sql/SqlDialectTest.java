package io.handoff.common.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.common.cluster.ServerFlavor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class SqlDialectTest {

    @ParameterizedTest
    @EnumSource(ServerFlavor.class)
    void ofGivesTheDialectOfTheFlavor(ServerFlavor flavor) {
        assertThat(SqlDialect.of(flavor).flavor()).isEqualTo(flavor);
    }

    @Test
    void ofNullIsRefused() {
        assertThatThrownBy(() -> SqlDialect.of(null)).hasMessageContaining("flavor must not be null");
    }

    @ParameterizedTest
    @EnumSource(ServerFlavor.class)
    void sharedStatementsAreTheSameOnEveryFlavor(ServerFlavor flavor) {
        SqlDialect dialect = SqlDialect.of(flavor);

        assertThat(dialect.flushTables()).isEqualTo(SqlStatement.of("FLUSH LOCAL TABLES"));
        assertThat(dialect.listSessions()).isEqualTo(SqlStatement.of("SELECT ID AS id, USER AS user, HOST AS host,"
                + " COMMAND AS command FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID() ORDER BY ID"));
        assertThat(dialect.serverVersion()).isEqualTo(SqlStatement.of("SELECT VERSION()"));
        assertThat(dialect.listAccounts()).isEqualTo(SqlStatement.of("SELECT User AS user, Host AS host FROM mysql.user ORDER BY User, Host"));
    }

    @ParameterizedTest
    @EnumSource(ServerFlavor.class)
    void accountLockQuotesUserAndHost(ServerFlavor flavor) {
        SqlDialect dialect = SqlDialect.of(flavor);

        assertThat(dialect.lockAccount("shop", "%")).isEqualTo(SqlStatement.of("ALTER USER IF EXISTS 'shop'@'%' ACCOUNT LOCK"));
        assertThat(dialect.unlockAccount("o'neil", "10.0.%")).isEqualTo(SqlStatement.of("ALTER USER IF EXISTS 'o''neil'@'10.0.%' ACCOUNT UNLOCK"));
    }

    @ParameterizedTest
    @EnumSource(ServerFlavor.class)
    void changeSourceValidatesItsArguments(ServerFlavor flavor) {
        SqlDialect dialect = SqlDialect.of(flavor);

        assertThatThrownBy(() -> dialect.changeSource(" ", 3306, "repl", io.handoff.common.cluster.Secret.of("p"), "auto"))
                .hasMessageContaining("replication source host must not be blank");
        assertThatThrownBy(() -> dialect.changeSource("h", 3306, "repl", null, "auto"))
                .hasMessageContaining("replication password must not be null");
    }
}
