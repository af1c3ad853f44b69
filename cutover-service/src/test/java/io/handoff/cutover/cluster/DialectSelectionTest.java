package io.handoff.cutover.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.cluster.Secret;
import io.handoff.common.cluster.ServerFlavor;
import io.handoff.common.sql.SqlDialect;
import io.handoff.common.sql.SqlStatement;
import org.junit.jupiter.api.Test;

/**
 * The session's dialect follows the cluster's flavor for read-only, kills and replication control,
 * and the server's version string for GTID syntax (what lets a MariaDB server stand in for Aurora).
 */
class DialectSelectionTest {

    @Test
    void auroraOnAMariaDbServerUsesTheRdsProceduresWithMariaDbGtidSyntax() {
        SqlDialect dialect = SqlDialect.of(ServerFlavor.AURORA_MYSQL, "11.4.5-MariaDB-log");

        assertThat(dialect.killConnection(7).sql()).isEqualTo("CALL mysql.rds_kill(?)");
        assertThat(dialect.stopReplica().sql()).isEqualTo("CALL mysql.rds_stop_replication");
        assertThat(dialect.resetReplicaAll().sql()).isEqualTo("CALL mysql.rds_reset_external_master");
        assertThat(dialect.waitForGtid("0-1-5", 3).sql()).isEqualTo("SELECT MASTER_GTID_WAIT(?, ?)");
        assertThat(dialect.currentGtidPosition().sql()).isEqualTo("SELECT @@GLOBAL.gtid_binlog_pos");
        assertThat(dialect.replicaStatus().sql()).isEqualTo("SHOW SLAVE STATUS");
        assertThat(dialect.changeSource("127.0.0.2", 3306, "repl", Secret.of("pw"), "0-1-5"))
                .extracting(SqlStatement::sql)
                .containsExactly("SET GLOBAL gtid_slave_pos=?", "CALL mysql.rds_set_external_master_with_auto_position(?, ?, ?, ?, 1, 0)");
    }

    @Test
    void realAuroraKeepsMySqlGtidSyntax() {
        SqlDialect dialect = SqlDialect.of(ServerFlavor.AURORA_MYSQL, "8.0.mysql_aurora.3.06.2");

        assertThat(dialect.killConnection(7).sql()).isEqualTo("CALL mysql.rds_kill(?)");
        assertThat(dialect.waitForGtid("uuid:1-5", 3).sql()).isEqualTo("SELECT WAIT_FOR_EXECUTED_GTID_SET(?, ?)");
        assertThat(dialect.changeSource("h", 3306, "repl", Secret.of("pw"), "uuid:1-5")).extracting(SqlStatement::sql)
                .containsExactly("CALL mysql.rds_set_external_source_with_auto_position(?, ?, ?, ?, 0)",
                        "CALL mysql.rds_set_binlog_source_ssl(1)");
        assertThat(dialect).isSameAs(SqlDialect.of(ServerFlavor.AURORA_MYSQL));
    }

    @Test
    void auroraVersionTwoUsesTheMasterProcedures() {
        SqlDialect dialect = SqlDialect.of(ServerFlavor.AURORA_MYSQL, "5.7.mysql_aurora.2.11.2");

        assertThat(dialect.resetReplicaAll().sql()).isEqualTo("CALL mysql.rds_reset_external_master");
        assertThat(dialect.replicaStatus().sql()).isEqualTo("SHOW SLAVE STATUS");
    }

    @Test
    void anAuroraLikeMySqlServerHasEveryVersionThreeProcedure() {
        SqlDialect dialect = SqlDialect.of(ServerFlavor.AURORA_MYSQL, "9.7.4-2");

        assertThat(dialect.resetReplicaAll().sql()).isEqualTo("CALL mysql.rds_reset_external_source");
        assertThat(dialect.setReadOnlyThroughProcedure(true)).extracting(SqlStatement::sql)
                .containsExactly("CALL mysql.rds_set_read_only(1)");
    }

    @Test
    void selfManagedFlavorsIgnoreTheVersionString() {
        assertThat(SqlDialect.of(ServerFlavor.MARIADB, "11.4.5-MariaDB")).isSameAs(SqlDialect.of(ServerFlavor.MARIADB));
        assertThat(SqlDialect.of(ServerFlavor.MYSQL_8, "8.4.3")).isSameAs(SqlDialect.of(ServerFlavor.MYSQL_8));
        assertThat(SqlDialect.of(ServerFlavor.AURORA_MYSQL, null)).isSameAs(SqlDialect.of(ServerFlavor.AURORA_MYSQL));
    }
}
