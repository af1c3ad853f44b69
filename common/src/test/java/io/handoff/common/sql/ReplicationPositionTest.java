package io.handoff.common.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReplicationPositionTest {

    @Test
    void autoIsCaseInsensitive() {
        assertThat(ReplicationPosition.parse(" AUTO ")).isEqualTo(ReplicationPosition.AUTO).hasToString("auto");
    }

    @Test
    void fileAndOffsetParseAsCoordinates() {
        assertThat(ReplicationPosition.parse("mysql-bin.000042:1337"))
                .isEqualTo(new ReplicationPosition.FilePosition("mysql-bin.000042", 1337))
                .hasToString("mysql-bin.000042:1337");
    }

    @Test
    void mariadbAndMysqlGtidSetsParseAsGtids() {
        assertThat(ReplicationPosition.parse("0-1-100,1-2-7")).isEqualTo(new ReplicationPosition.Gtid("0-1-100,1-2-7"));
        assertThat(ReplicationPosition.parse("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5"))
                .isInstanceOf(ReplicationPosition.Gtid.class);
        assertThat(ReplicationPosition.parse("")).isEqualTo(new ReplicationPosition.Gtid(""));
    }

    @Test
    void mysqlMultiLineGtidSetIsJoinedOnOneLine() {
        String printed = "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5,\n4e11fa47-71ca-11e1-9e33-c80aa9429562:1-9";

        assertThat(ReplicationPosition.parse(printed))
                .hasToString("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5,4e11fa47-71ca-11e1-9e33-c80aa9429562:1-9");
    }

    @Test
    void fileOffsetBelowTheBinlogHeaderIsRefused() {
        assertThatThrownBy(() -> new ReplicationPosition.FilePosition("mysql-bin.000001", 0))
                .hasMessageContaining("FilePosition.position must be >= 4");
    }
}
