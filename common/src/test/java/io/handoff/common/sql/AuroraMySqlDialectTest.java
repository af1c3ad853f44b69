package io.handoff.common.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.common.cluster.Secret;
import io.handoff.common.cluster.ServerFlavor;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuroraMySqlDialectTest {

    private final SqlDialect dialect = SqlDialect.of(ServerFlavor.AURORA_MYSQL);

    @Test
    void readOnlyIsRefusedNamingTheStrategiesThatWork() {
        assertThatThrownBy(() -> dialect.setReadOnly(true))
                .isInstanceOf(StrategyNotSupportedException.class)
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("AURORA_MYSQL")
                .hasMessageContaining("account-lock")
                .hasMessageContaining("security-group-swap")
                .hasMessageContaining("rds-read-only")
                .satisfies(e -> assertThat(((StrategyNotSupportedException) e).flavor()).isEqualTo(ServerFlavor.AURORA_MYSQL));
    }

    @Test
    void killUsesRdsKill() {
        assertThat(dialect.killConnection(42)).isEqualTo(SqlStatement.of("CALL mysql.rds_kill(?)", 42L));
    }

    @Test
    void gtidQueriesAreMysql8s() {
        assertThat(dialect.currentGtidPosition()).isEqualTo(SqlStatement.of("SELECT @@GLOBAL.gtid_executed"));
        assertThat(dialect.executedGtidPosition()).isEqualTo(SqlStatement.of("SELECT @@GLOBAL.gtid_executed"));
        assertThat(dialect.waitForGtid("u:1-5", 30)).isEqualTo(SqlStatement.of("SELECT WAIT_FOR_EXECUTED_GTID_SET(?, ?)", "u:1-5", 30L));
        assertThat(dialect.interpretGtidWait(1)).isEqualTo(GtidWaitResult.TIMED_OUT);
    }

    @Test
    void purgedGtidsAreAddedThroughRdsGtidPurgedOnVersion3AndRefusedOnVersion2() {
        assertThat(dialect.addPurgedGtids("u:1-5")).isEqualTo(SqlStatement.of(
                "CALL mysql.rds_gtid_purged(CONCAT('+', GTID_SUBTRACT(?, @@GLOBAL.gtid_executed)))", "u:1-5"));
        assertThat(AuroraMySqlDialect.forServer("8.0.mysql_aurora.3.04.1").addPurgedGtids("").sql()).contains("mysql.rds_gtid_purged");
        assertThatThrownBy(() -> AuroraMySqlDialect.forServer("5.7.mysql_aurora.2.11.2").addPurgedGtids("u:1"))
                .isInstanceOf(StrategyNotSupportedException.class).hasMessageContaining("rds_gtid_purged");
        assertThatThrownBy(() -> AuroraMySqlDialect.forServer("11.4.5-MariaDB").addPurgedGtids("u:1"))
                .isInstanceOf(StrategyNotSupportedException.class);
        assertThat(dialect.gtidSubtract("a", "b")).isEqualTo(SqlStatement.of("SELECT GTID_SUBTRACT(?, ?)", "a", "b"));
    }

    @Test
    void changeSourceCallsTheVersion3ProcedureThenEncryptsWithRdsSetBinlogSourceSsl() {
        Secret password = Secret.of("pw");

        assertThat(dialect.changeSource("onprem", 3306, "repl", password, "auto")).containsExactly(
                new SqlStatement("CALL mysql.rds_set_external_source_with_auto_position(?, ?, ?, ?, 0)",
                        List.of("onprem", 3306, "repl", "pw"), List.of(password)),
                SqlStatement.of("CALL mysql.rds_set_binlog_source_ssl(1)"));
    }

    @Test
    void changeSourceInPlainTextSwitchesSourceSslOff() {
        assertThat(dialect.changeSource("onprem", 3306, "repl", Secret.of("pw"), "auto", false)).extracting(SqlStatement::sql)
                .containsExactly("CALL mysql.rds_set_external_source_with_auto_position(?, ?, ?, ?, 0)",
                        "CALL mysql.rds_set_binlog_source_ssl(0)");
    }

    @Test
    void changeSourceToFileCoordinatesCallsRdsSetExternalSource() {
        SqlStatement call = dialect.changeSource("onprem", 3306, "repl", Secret.of("pw"), "mysql-bin.000042:1337").get(0);

        assertThat(call.sql()).isEqualTo("CALL mysql.rds_set_external_source(?, ?, ?, ?, ?, ?, 0)");
        assertThat(call.params()).containsExactly("onprem", 3306, "repl", "pw", "mysql-bin.000042", 1337L);
    }

    @Test
    void encryptedAutoPositioningBefore306IsRefusedNamingThePlainOption() {
        SqlDialect aurora305 = SqlDialect.of(ServerFlavor.AURORA_MYSQL, "8.0.mysql_aurora.3.05.2");

        assertThatThrownBy(() -> aurora305.changeSource("onprem", 3306, "repl", Secret.of("pw"), "auto"))
                .isInstanceOf(StrategyNotSupportedException.class)
                .hasMessageContaining("3.06")
                .hasMessageContaining("ssl: false");
        assertThat(aurora305.changeSource("onprem", 3306, "repl", Secret.of("pw"), "auto", false)).extracting(SqlStatement::sql)
                .containsExactly("CALL mysql.rds_set_external_source_with_auto_position(?, ?, ?, ?, 0)");
        assertThat(aurora305.changeSource("onprem", 3306, "repl", Secret.of("pw"), "mysql-bin.000042:1337")).extracting(SqlStatement::sql)
                .containsExactly("CALL mysql.rds_set_external_source(?, ?, ?, ?, ?, ?, 1)");
    }

    @Test
    void version2KeepsTheMasterProcedures() {
        SqlDialect aurora2 = SqlDialect.of(ServerFlavor.AURORA_MYSQL, "5.7.mysql_aurora.2.11.2");

        assertThat(aurora2.changeSource("onprem", 3306, "repl", Secret.of("pw"), "auto", false)).extracting(SqlStatement::sql)
                .containsExactly("CALL mysql.rds_set_external_master_with_auto_position(?, ?, ?, ?, 0)");
        assertThat(aurora2.changeSource("onprem", 3306, "repl", Secret.of("pw"), "mysql-bin.000042:1337")).extracting(SqlStatement::sql)
                .containsExactly("CALL mysql.rds_set_external_master(?, ?, ?, ?, ?, ?, 1)");
        assertThat(aurora2.resetReplicaAll()).isEqualTo(SqlStatement.of("CALL mysql.rds_reset_external_master"));
        assertThat(aurora2.replicaStatusColumns().ioRunning()).isEqualTo("Slave_IO_Running");
    }

    @Test
    void readOnlyThroughTheProcedureFrom306Only() {
        assertThat(dialect.setReadOnlyThroughProcedure(true)).containsExactly(SqlStatement.of("CALL mysql.rds_set_read_only(1)"));
        assertThat(dialect.setReadOnlyThroughProcedure(false)).containsExactly(SqlStatement.of("CALL mysql.rds_set_read_only(0)"));
        assertThat(dialect.readOnlyProcedure()).contains("rds_set_read_only");

        SqlDialect aurora305 = SqlDialect.of(ServerFlavor.AURORA_MYSQL, "8.0.mysql_aurora.3.05.2");
        assertThat(aurora305.readOnlyProcedure()).isEmpty();
        assertThatThrownBy(() -> aurora305.setReadOnlyThroughProcedure(true))
                .isInstanceOf(StrategyNotSupportedException.class).hasMessageContaining("3.06");
        assertThatThrownBy(() -> SqlDialect.of(ServerFlavor.MYSQL_8).setReadOnlyThroughProcedure(true))
                .isInstanceOf(StrategyNotSupportedException.class).hasMessageContaining("'global'");
    }

    @Test
    void replicationControlUsesRdsProcedures() {
        assertThat(dialect.startReplica()).isEqualTo(SqlStatement.of("CALL mysql.rds_start_replication"));
        assertThat(dialect.stopReplica()).isEqualTo(SqlStatement.of("CALL mysql.rds_stop_replication"));
        assertThatThrownBy(dialect::stopApplier).as("rds_stop_replication stops both threads")
                .isInstanceOf(StrategyNotSupportedException.class);
        assertThatThrownBy(dialect::startApplier).isInstanceOf(StrategyNotSupportedException.class);
        assertThat(dialect.resetReplicaAll()).isEqualTo(SqlStatement.of("CALL mysql.rds_reset_external_source"));
        assertThat(dialect.replicaStatus()).isEqualTo(SqlStatement.of("SHOW REPLICA STATUS"));
        assertThat(dialect.replicaStatusColumns()).isEqualTo(ReplicaStatusColumns.MYSQL_8);
    }

    @Test
    void binlogStatusOfAurora3IsTheMysql80Form() {
        assertThat(dialect.binlogStatus(ServerVersion.parse("8.0.mysql_aurora.3.05.2"))).isEqualTo(SqlStatement.of("SHOW MASTER STATUS"));
    }
}
