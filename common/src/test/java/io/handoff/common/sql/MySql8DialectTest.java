package io.handoff.common.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.common.cluster.Secret;
import io.handoff.common.cluster.ServerFlavor;
import org.junit.jupiter.api.Test;

class MySql8DialectTest {

    private final SqlDialect dialect = SqlDialect.of(ServerFlavor.MYSQL_8);

    @Test
    void readOnlyAlsoSetsSuperReadOnlyInTheRightOrder() {
        assertThat(dialect.setReadOnly(true)).containsExactly(
                SqlStatement.of("SET GLOBAL read_only=ON"), SqlStatement.of("SET GLOBAL super_read_only=ON"));
        assertThat(dialect.setReadOnly(false)).containsExactly(
                SqlStatement.of("SET GLOBAL super_read_only=OFF"), SqlStatement.of("SET GLOBAL read_only=OFF"));
    }

    @Test
    void killUsesKillConnection() {
        assertThat(dialect.killConnection(7)).isEqualTo(SqlStatement.of("KILL CONNECTION 7"));
    }

    @Test
    void positionsUseGtidExecuted() {
        assertThat(dialect.currentGtidPosition()).isEqualTo(SqlStatement.of("SELECT @@GLOBAL.gtid_executed"));
        assertThat(dialect.executedGtidPosition()).isEqualTo(SqlStatement.of("SELECT @@GLOBAL.gtid_executed"));
    }

    @Test
    void waitForGtidUsesWaitForExecutedGtidSetWhichReturnsOneOnTimeout() {
        String set = "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5";

        assertThat(dialect.waitForGtid(set, 10)).isEqualTo(SqlStatement.of("SELECT WAIT_FOR_EXECUTED_GTID_SET(?, ?)", set, 10L));
        assertThat(dialect.interpretGtidWait(0)).isEqualTo(GtidWaitResult.REACHED);
        assertThat(dialect.interpretGtidWait(1)).isEqualTo(GtidWaitResult.TIMED_OUT);
        assertThatThrownBy(() -> dialect.interpretGtidWait(-1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void changeSourceAutoPositions() {
        String expected = "CHANGE REPLICATION SOURCE TO SOURCE_HOST='b', SOURCE_PORT=3306, SOURCE_USER='repl',"
                + " SOURCE_PASSWORD='pw', SOURCE_SSL=1, GET_SOURCE_PUBLIC_KEY=1, SOURCE_AUTO_POSITION=1";

        assertThat(dialect.changeSource("b", 3306, "repl", Secret.of("pw"), "auto"))
                .containsExactly(SqlStatement.of(expected).withSecret(Secret.of("pw")));
        assertThat(dialect.changeSource("b", 3306, "repl", Secret.of("pw"), "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5"))
                .extracting(SqlStatement::sql).containsExactly(expected);
    }

    @Test
    void changeSourceToFileCoordinatesTurnsAutoPositionOff() {
        assertThat(dialect.changeSource("b", 3306, "repl", Secret.of("pw"), "binlog.000003:154"))
                .extracting(SqlStatement::sql)
                .containsExactly("CHANGE REPLICATION SOURCE TO SOURCE_HOST='b', SOURCE_PORT=3306, SOURCE_USER='repl',"
                        + " SOURCE_PASSWORD='pw', SOURCE_SSL=1, GET_SOURCE_PUBLIC_KEY=1, SOURCE_LOG_FILE='binlog.000003',"
                        + " SOURCE_LOG_POS=154, SOURCE_AUTO_POSITION=0");
    }

    @Test
    void changeSourceInPlainTextOnlyWhenAsked() {
        assertThat(dialect.changeSource("b", 3306, "repl", Secret.of("pw"), "auto", false)).extracting(SqlStatement::sql)
                .containsExactly("CHANGE REPLICATION SOURCE TO SOURCE_HOST='b', SOURCE_PORT=3306, SOURCE_USER='repl',"
                        + " SOURCE_PASSWORD='pw', SOURCE_SSL=0, GET_SOURCE_PUBLIC_KEY=1, SOURCE_AUTO_POSITION=1");
    }

    @Test
    void errantGtidAdviceIsResetBinaryLogsAndGtidsFrom82() {
        assertThat(dialect.resetBinlogAndGtids(ServerVersion.parse("9.7.4-2"))).isEqualTo(SqlStatement.of("RESET BINARY LOGS AND GTIDS"));
        assertThat(dialect.resetBinlogAndGtids(ServerVersion.parse("8.4.3"))).isEqualTo(SqlStatement.of("RESET BINARY LOGS AND GTIDS"));
        assertThat(dialect.resetBinlogAndGtids(ServerVersion.parse("8.0.39"))).isEqualTo(SqlStatement.of("RESET MASTER"));
    }

    @Test
    void replicationControlUsesReplicaSyntax() {
        assertThat(dialect.startReplica()).isEqualTo(SqlStatement.of("START REPLICA"));
        assertThat(dialect.stopReplica()).isEqualTo(SqlStatement.of("STOP REPLICA"));
        assertThat(dialect.stopApplier()).isEqualTo(SqlStatement.of("STOP REPLICA SQL_THREAD"));
        assertThat(dialect.startApplier()).isEqualTo(SqlStatement.of("START REPLICA SQL_THREAD"));
        assertThat(dialect.resetReplicaAll()).isEqualTo(SqlStatement.of("RESET REPLICA ALL"));
        assertThat(dialect.replicaStatus()).isEqualTo(SqlStatement.of("SHOW REPLICA STATUS"));
        assertThat(dialect.replicaStatusColumns().secondsBehind()).isEqualTo("Seconds_Behind_Source");
    }

    @Test
    void binlogStatusFollowsTheVersion() {
        assertThat(dialect.binlogStatus(ServerVersion.parse("8.4.3"))).isEqualTo(SqlStatement.of("SHOW BINARY LOG STATUS"));
        assertThat(dialect.binlogStatus(ServerVersion.parse("8.2.0"))).isEqualTo(SqlStatement.of("SHOW BINARY LOG STATUS"));
        assertThat(dialect.binlogStatus(ServerVersion.parse("8.0.39-log"))).isEqualTo(SqlStatement.of("SHOW MASTER STATUS"));
    }
}
