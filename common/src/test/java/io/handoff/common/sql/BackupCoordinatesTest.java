package io.handoff.common.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackupCoordinatesTest {
    private static final ReplicationPosition.FilePosition FILE = new ReplicationPosition.FilePosition("mysql-bin.000003", 1234);

    @Test
    void perconaLogLineWithMariaDbGtidGivesTheGtidPosition() {
        BackupCoordinates coordinates = BackupCoordinates.parse(
                "MySQL binlog position: filename 'mysql-bin.000003', position '1234', GTID of the last change '0-1-100'");

        assertThat(coordinates.binlog()).isEqualTo(FILE);
        assertThat(coordinates.position()).isEqualTo(new ReplicationPosition.Gtid("0-1-100"));
    }

    @Test
    void mariabackupLogLineWithPrefixAndSeveralDomainsIsRead() {
        BackupCoordinates coordinates = BackupCoordinates.parse("[00] 2026-11-24 21:50:01 mariabackup: MySQL binlog position:"
                + " filename 'mysql-bin.000003', position '1234', GTID of the last change '0-1-100,1-2-7'\n[00] completed OK!");

        assertThat(coordinates.position()).hasToString("0-1-100,1-2-7");
    }

    @Test
    void logLineWithoutGtidGivesFileCoordinates() {
        assertThat(BackupCoordinates.parse("xtrabackup: MySQL binlog position: filename 'mysql-bin.000003', position '1234'")
                .position()).isEqualTo(FILE);
        assertThat(BackupCoordinates.parse("innobackupex: MySQL binlog position: filename 'mysql-bin.000003', position 1234")
                .position()).isEqualTo(FILE);
    }

    @Test
    void logLineWithEmptyGtidGivesFileCoordinates() {
        BackupCoordinates coordinates = BackupCoordinates.parse(
                "MySQL binlog position: filename 'mysql-bin.000003', position '1234', GTID of the last change ''");

        assertThat(coordinates.gtid()).isEmpty();
        assertThat(coordinates.position()).isEqualTo(FILE);
    }

    @Test
    void perconaLogLineWithMultiLineMysqlGtidSetIsJoined() {
        BackupCoordinates coordinates = BackupCoordinates.parse("MySQL binlog position: filename 'binlog.000007', position '157',"
                + " GTID of the last change '3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5,\n4e11fa47-71ca-11e1-9e33-c80aa9429562:1-9'");

        assertThat(coordinates.binlog()).isEqualTo(new ReplicationPosition.FilePosition("binlog.000007", 157));
        assertThat(coordinates.position())
                .hasToString("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5,4e11fa47-71ca-11e1-9e33-c80aa9429562:1-9");
    }

    @Test
    void binlogInfoFileWithGtidIsRead() {
        BackupCoordinates coordinates = BackupCoordinates.parse("mysql-bin.000003\t1234\t0-1-100\n");

        assertThat(coordinates).isEqualTo(new BackupCoordinates(FILE, Optional.of(new ReplicationPosition.Gtid("0-1-100"))));
    }

    @Test
    void binlogInfoFileWithoutGtidGivesFileCoordinates() {
        assertThat(BackupCoordinates.parse("mysql-bin.000003\t1234\n").position()).isEqualTo(FILE);
    }

    @Test
    void binlogInfoFileWithMultiLineMysqlGtidSetIsJoined() {
        assertThat(BackupCoordinates.parse("binlog.000002\t197\t3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5,\n"
                + "4e11fa47-71ca-11e1-9e33-c80aa9429562:1-9\n").position())
                .hasToString("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5,4e11fa47-71ca-11e1-9e33-c80aa9429562:1-9");
    }

    @Test
    void textWithoutCoordinatesIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> BackupCoordinates.parse("completed OK! secret-ish"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no binlog coordinates found")
                .hasMessageNotContaining("secret-ish");
    }
}
