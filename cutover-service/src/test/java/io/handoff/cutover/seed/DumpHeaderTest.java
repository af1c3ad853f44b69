package io.handoff.cutover.seed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DumpHeaderTest {

    @Test
    void mariaDbDumpHeaderGivesTheCommentedSlavePosition() {
        String header = """
                /*M!999999\\- enable the sandbox mode */
                -- MariaDB dump 10.19-11.4.5-MariaDB, for Linux (x86_64)
                --
                -- Position to start replication or point-in-time recovery from
                --

                -- CHANGE MASTER TO MASTER_LOG_FILE='mysql-bin.000001', MASTER_LOG_POS=1621;

                --
                -- GTID to start replication from
                --

                -- CHANGE MASTER TO MASTER_USE_GTID=slave_pos;
                -- SET GLOBAL gtid_slave_pos='0-1-7';
                """;

        assertThat(DumpHeader.gtidPosition(header)).contains("0-1-7");
    }

    @Test
    void sourceWithoutGtidsGivesTheEmptyPosition() {
        assertThat(DumpHeader.gtidPosition("-- SET GLOBAL gtid_slave_pos='';\n")).contains("");
    }

    @Test
    void mysqlCommentedGtidPurgedIsJoinedOnOneLine() {
        String header = "/* SET @@GLOBAL.GTID_PURGED=/*!80000 '+'*/ '3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5,\n"
                + "4e11fa47-71ca-11e1-9e33-c80aa9429562:1-9'; */\n";

        assertThat(DumpHeader.gtidPosition(header))
                .contains("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5,4e11fa47-71ca-11e1-9e33-c80aa9429562:1-9");
    }

    @Test
    void headerWithoutPositionGivesNothing() {
        assertThat(DumpHeader.gtidPosition("-- MariaDB dump\nCREATE TABLE t (id INT);\n")).isEmpty();
    }
}
