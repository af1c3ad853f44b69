package io.handoff.common.sql;

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
    void mysql97CommentedGtidPurgedLosesItsPlusAndLineBreaks() {
        // As mysqldump 9.7.4 prints it with --source-data=2 --set-gtid-purged=COMMENTED.
        String header = """
                SET @MYSQLDUMP_TEMP_LOG_BIN = @@SESSION.SQL_LOG_BIN;
                SET @@SESSION.SQL_LOG_BIN= 0;

                --
                -- GTID state at the beginning of the backup\s
                --

                /* SET @@GLOBAL.GTID_PURGED='+8f4b015e-efb5-11f1-993b-02fc00000001:1-3,
                aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee:1,
                bbbbbbbb-bbbb-cccc-dddd-eeeeeeeeeeee:5';*/

                --
                -- Position to start replication or point-in-time recovery from
                --

                -- CHANGE REPLICATION SOURCE TO SOURCE_LOG_FILE='binlog.000001', SOURCE_LOG_POS=598;
                """;

        assertThat(DumpHeader.mySqlPosition(header)).contains("8f4b015e-efb5-11f1-993b-02fc00000001:1-3,"
                + "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee:1,bbbbbbbb-bbbb-cccc-dddd-eeeeeeeeeeee:5");
        assertThat(DumpHeader.gtidPosition(header)).isEqualTo(DumpHeader.mySqlPosition(header));
        assertThat(DumpHeader.mariaDbPosition(header)).isEmpty();
    }

    @Test
    void mysqlSourceWithoutGtidsGivesTheEmptyPosition() {
        assertThat(DumpHeader.mySqlPosition("/* SET @@GLOBAL.GTID_PURGED='+';*/\n")).contains("");
    }

    @Test
    void headerWithoutPositionGivesNothing() {
        assertThat(DumpHeader.gtidPosition("-- MariaDB dump\nCREATE TABLE t (id INT);\n")).isEmpty();
    }
}
