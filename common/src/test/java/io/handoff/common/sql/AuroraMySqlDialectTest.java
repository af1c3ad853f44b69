package io.handoff.common.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.common.cluster.Secret;
import io.handoff.common.cluster.ServerFlavor;
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
    void changeSourceCallsTheRdsProcedureWithParameters() {
        Secret password = Secret.of("pw");

        assertThat(dialect.changeSource("onprem", 3306, "repl", password, "auto")).containsExactly(
                new SqlStatement("CALL mysql.rds_set_external_master_with_auto_position(?, ?, ?, ?, 0, 0)",
                        java.util.List.of("onprem", 3306, "repl", "pw"), java.util.List.of(password)));
    }

    @Test
    void changeSourceToFileCoordinatesCallsRdsSetExternalMaster() {
        SqlStatement call = dialect.changeSource("onprem", 3306, "repl", Secret.of("pw"), "mysql-bin.000042:1337").get(0);

        assertThat(call.sql()).isEqualTo("CALL mysql.rds_set_external_master(?, ?, ?, ?, ?, ?, 0)");
        assertThat(call.params()).containsExactly("onprem", 3306, "repl", "pw", "mysql-bin.000042", 1337L);
    }

    @Test
    void replicationControlUsesRdsProcedures() {
        assertThat(dialect.startReplica()).isEqualTo(SqlStatement.of("CALL mysql.rds_start_replication"));
        assertThat(dialect.stopReplica()).isEqualTo(SqlStatement.of("CALL mysql.rds_stop_replication"));
        assertThat(dialect.resetReplicaAll()).isEqualTo(SqlStatement.of("CALL mysql.rds_reset_external_master"));
        assertThat(dialect.replicaStatus()).isEqualTo(SqlStatement.of("SHOW REPLICA STATUS"));
        assertThat(dialect.replicaStatusColumns()).isEqualTo(ReplicaStatusColumns.MYSQL_8);
    }

    @Test
    void binlogStatusOfAurora3IsTheMysql80Form() {
        assertThat(dialect.binlogStatus(ServerVersion.parse("8.0.mysql_aurora.3.05.2"))).isEqualTo(SqlStatement.of("SHOW MASTER STATUS"));
    }
}
