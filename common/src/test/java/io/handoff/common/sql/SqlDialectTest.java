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

    @Test
    void whatDiffersBeyondStatementsFollowsTheServerUnderneath() {
        SqlDialect mariadb = SqlDialect.of(ServerFlavor.MARIADB);
        SqlDialect mysql = SqlDialect.of(ServerFlavor.MYSQL_8);
        SqlDialect aurora = SqlDialect.of(ServerFlavor.AURORA_MYSQL, "8.0.mysql_aurora.3.08.0");
        SqlDialect auroraOnMariaDb = SqlDialect.of(ServerFlavor.AURORA_MYSQL, "11.4.5-MariaDB");

        assertThat(mariadb.domainGtids()).isTrue();
        assertThat(auroraOnMariaDb.domainGtids()).as("a MariaDB stand-in keeps MariaDB's GTIDs").isTrue();
        assertThat(mysql.domainGtids()).isFalse();
        assertThat(aurora.domainGtids()).isFalse();

        assertThat(mariadb.binlogStatusPrivilege()).isEqualTo("BINLOG MONITOR");
        assertThat(aurora.binlogStatusPrivilege()).isEqualTo("REPLICATION CLIENT");
        assertThat(mariadb.dumpPrograms()).startsWith("mariadb-dump");
        assertThat(aurora.dumpPrograms()).startsWith("mysqldump");
        assertThat(mysql.clientPrograms()).startsWith("mysql");
        assertThat(mariadb.binlogConnector()).isEqualTo("io.debezium.connector.mariadb.MariaDbConnector");
        assertThat(aurora.binlogConnector()).isEqualTo("io.debezium.connector.mysql.MySqlConnector");

        assertThat(mysql.killPrivileges()).containsExactly("SUPER", "CONNECTION ADMIN");
        assertThat(aurora.killPrivileges()).as("mysql.rds_kill needs no privilege of the master user's own").isEmpty();
        assertThat(aurora.snapshotsThroughRds()).isTrue();
        assertThat(mysql.snapshotsThroughRds()).isFalse();
        assertThat(mariadb.snapshotsThroughRds()).isFalse();
    }
}
