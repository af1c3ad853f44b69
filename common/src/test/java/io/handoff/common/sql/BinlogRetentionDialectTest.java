package io.handoff.common.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.common.cluster.ServerFlavor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Binlog retention, GTID state and the precheck reads of every flavor. */
class BinlogRetentionDialectTest {

    @Test
    void mariaDbSetsTheExpirySecondsUntilTheNextRestart() {
        SqlDialect mariaDb = SqlDialect.of(ServerFlavor.MARIADB);

        assertThat(mariaDb.retainBinlog(604_800)).containsExactly(SqlStatement.of("SET GLOBAL binlog_expire_logs_seconds=604800"));
        assertThat(mariaDb.binlogRetentionSeconds().sql()).isEqualTo("SELECT @@GLOBAL.binlog_expire_logs_seconds");
        assertThat(mariaDb.retentionSurvivesRestart()).isFalse();
    }

    @Test
    void mysqlPersistsTheExpirySecondsAcrossRestarts() {
        SqlDialect mysql = SqlDialect.of(ServerFlavor.MYSQL_8);

        assertThat(mysql.retainBinlog(604_800)).containsExactly(SqlStatement.of("SET PERSIST binlog_expire_logs_seconds=604800"));
        assertThat(mysql.binlogRetentionSeconds().sql()).isEqualTo("SELECT @@GLOBAL.binlog_expire_logs_seconds");
        assertThat(mysql.retentionSurvivesRestart()).isTrue();
    }

    @Test
    void auroraUsesRdsConfigurationInWholeHoursRoundedUp() {
        SqlDialect aurora = SqlDialect.of(ServerFlavor.AURORA_MYSQL);

        assertThat(aurora.retainBinlog(3601)).containsExactly(
                SqlStatement.of("CALL mysql.rds_set_configuration('binlog retention hours', ?)", 2L));
        assertThat(aurora.binlogRetentionSeconds().sql()).contains("mysql.rds_configuration").contains("binlog retention hours");
        assertThat(aurora.retentionSurvivesRestart()).isTrue();
    }

    @Test
    void retentionBelowOneSecondIsRefused() {
        assertThatThrownBy(() -> SqlDialect.of(ServerFlavor.MARIADB).retainBinlog(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void gtidStateIsTheBinlogStateOnMariaDbAndTheExecutedSetOnMysql() {
        assertThat(SqlDialect.of(ServerFlavor.MARIADB).binlogGtidState().sql()).isEqualTo("SELECT @@GLOBAL.gtid_binlog_state");
        assertThat(SqlDialect.of(ServerFlavor.MYSQL_8).binlogGtidState().sql()).isEqualTo("SELECT @@GLOBAL.gtid_executed");
        assertThat(SqlDialect.of(ServerFlavor.AURORA_MYSQL).binlogGtidState().sql()).isEqualTo("SELECT @@GLOBAL.gtid_executed");
    }

    @Test
    void globalVariablesAreReadByParameterisedName() {
        SqlStatement read = SqlDialect.of(ServerFlavor.MARIADB).globalVariables(List.of("log_bin", "server_id"));

        assertThat(read.sql()).isEqualTo("SHOW GLOBAL VARIABLES WHERE Variable_name IN (?, ?)");
        assertThat(read.params()).containsExactly("log_bin", "server_id");
        assertThatThrownBy(() -> SqlDialect.of(ServerFlavor.MARIADB).globalVariables(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
