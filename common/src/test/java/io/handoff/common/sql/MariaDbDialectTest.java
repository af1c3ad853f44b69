package io.handoff.common.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.common.cluster.Secret;
import io.handoff.common.cluster.ServerFlavor;
import org.junit.jupiter.api.Test;

class MariaDbDialectTest {

    private final SqlDialect dialect = SqlDialect.of(ServerFlavor.MARIADB);

    @Test
    void readOnlyUsesReadOnlyOnlyBecauseMariadbHasNoSuperReadOnly() {
        assertThat(dialect.setReadOnly(true)).containsExactly(SqlStatement.of("SET GLOBAL read_only=ON"));
        assertThat(dialect.setReadOnly(false)).containsExactly(SqlStatement.of("SET GLOBAL read_only=OFF"));
    }

    @Test
    void killUsesKillConnectionWithANumericLiteral() {
        assertThat(dialect.killConnection(42)).isEqualTo(SqlStatement.of("KILL CONNECTION 42"));
        assertThatThrownBy(() -> dialect.killConnection(0)).hasMessageContaining("connectionId must be >= 1");
    }

    @Test
    void positionsUseDomainGtidVariables() {
        assertThat(dialect.currentGtidPosition()).isEqualTo(SqlStatement.of("SELECT @@GLOBAL.gtid_binlog_pos"));
        assertThat(dialect.executedGtidPosition()).isEqualTo(SqlStatement.of("SELECT @@GLOBAL.gtid_slave_pos"));
    }

    @Test
    void waitForGtidUsesMasterGtidWait() {
        assertThat(dialect.waitForGtid("0-1-100", 30)).isEqualTo(SqlStatement.of("SELECT MASTER_GTID_WAIT(?, ?)", "0-1-100", 30L));
    }

    @Test
    void masterGtidWaitReturnsZeroWhenReachedAndMinusOneOnTimeout() {
        assertThat(dialect.interpretGtidWait(0)).isEqualTo(GtidWaitResult.REACHED);
        assertThat(dialect.interpretGtidWait(-1L)).isEqualTo(GtidWaitResult.TIMED_OUT);
        assertThatThrownBy(() -> dialect.interpretGtidWait(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> dialect.interpretGtidWait(null)).hasMessageContaining("MASTER_GTID_WAIT returned null");
    }

    @Test
    void changeSourceToAGtidSetsTheSlavePositionFirst() {
        assertThat(dialect.changeSource("a.example", 3306, "repl", Secret.of("pw"), "0-1-100,1-2-7")).containsExactly(
                SqlStatement.of("SET GLOBAL gtid_slave_pos=?", "0-1-100,1-2-7"),
                SqlStatement.of("CHANGE MASTER TO MASTER_HOST='a.example', MASTER_PORT=3306, MASTER_USER='repl',"
                        + " MASTER_PASSWORD='pw', MASTER_SSL=1, MASTER_SSL_VERIFY_SERVER_CERT=0, MASTER_USE_GTID=slave_pos").withSecret(Secret.of("pw")));
    }

    @Test
    void changeSourceAutoUsesTheCurrentPosition() {
        assertThat(dialect.changeSource("a", 3307, "repl", Secret.of("pw"), "auto")).extracting(SqlStatement::sql)
                .containsExactly("CHANGE MASTER TO MASTER_HOST='a', MASTER_PORT=3307, MASTER_USER='repl',"
                        + " MASTER_PASSWORD='pw', MASTER_SSL=1, MASTER_SSL_VERIFY_SERVER_CERT=0, MASTER_USE_GTID=current_pos");
    }

    @Test
    void changeSourceToFileCoordinatesTurnsGtidOff() {
        assertThat(dialect.changeSource("a", 3306, "repl", Secret.of("pw"), "mysql-bin.000042:1337"))
                .extracting(SqlStatement::sql)
                .containsExactly("CHANGE MASTER TO MASTER_HOST='a', MASTER_PORT=3306, MASTER_USER='repl',"
                        + " MASTER_PASSWORD='pw', MASTER_SSL=1, MASTER_SSL_VERIFY_SERVER_CERT=0, MASTER_LOG_FILE='mysql-bin.000042', MASTER_LOG_POS=1337, MASTER_USE_GTID=no");
    }

    @Test
    void changeSourceInPlainTextOnlyWhenAsked() {
        assertThat(dialect.changeSource("a", 3306, "repl", Secret.of("pw"), "auto", false)).extracting(SqlStatement::sql)
                .containsExactly("CHANGE MASTER TO MASTER_HOST='a', MASTER_PORT=3306, MASTER_USER='repl',"
                        + " MASTER_PASSWORD='pw', MASTER_SSL=0, MASTER_USE_GTID=current_pos");
    }

    @Test
    void errantGtidAdviceIsResetMaster() {
        assertThat(dialect.resetBinlogAndGtids(ServerVersion.parse("11.4.5-MariaDB"))).isEqualTo(SqlStatement.of("RESET MASTER"));
    }

    @Test
    void changeSourceQuotesHostileValues() {
        String sql = dialect.changeSource("h', MASTER_PORT=1", 3306, "u\\", Secret.of("p'"), "auto").get(0).sql();

        assertThat(sql).isEqualTo("CHANGE MASTER TO MASTER_HOST='h'', MASTER_PORT=1', MASTER_PORT=3306, MASTER_USER='u\\\\',"
                + " MASTER_PASSWORD='p''', MASTER_SSL=1, MASTER_SSL_VERIFY_SERVER_CERT=0, MASTER_USE_GTID=current_pos");
    }

    @Test
    void replicationControlUsesSlaveSyntax() {
        assertThat(dialect.startReplica()).isEqualTo(SqlStatement.of("START SLAVE"));
        assertThat(dialect.stopReplica()).isEqualTo(SqlStatement.of("STOP SLAVE"));
        assertThat(dialect.stopApplier()).isEqualTo(SqlStatement.of("STOP SLAVE SQL_THREAD"));
        assertThat(dialect.startApplier()).isEqualTo(SqlStatement.of("START SLAVE SQL_THREAD"));
        assertThat(dialect.resetReplicaAll()).isEqualTo(SqlStatement.of("RESET SLAVE ALL"));
        assertThat(dialect.replicaStatus()).isEqualTo(SqlStatement.of("SHOW SLAVE STATUS"));
        assertThat(dialect.replicaStatusColumns().ioRunning()).isEqualTo("Slave_IO_Running");
        assertThat(dialect.binlogStatus(ServerVersion.parse("11.4.5-MariaDB-log"))).isEqualTo(SqlStatement.of("SHOW MASTER STATUS"));
    }
}
