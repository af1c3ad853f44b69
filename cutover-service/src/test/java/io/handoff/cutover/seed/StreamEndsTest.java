package io.handoff.cutover.seed;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.sql.DumpHeader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The ends of a dump larger than what is kept (issue 9): MariaDB 11's mariadb-dump prints its GTID
 * position after the data, so a seed of more than the first MiB used to fail "no GTID position".
 */
class StreamEndsTest {

    @Test
    void keepsTheFirstAndTheLastBytesWhateverTheChunks() {
        StreamEnds ends = new StreamEnds(8, 10);
        for (String chunk : new String[] {"-- head", "er;", "0123456789abcdefghij", "xy", "-- SET"}) {
            byte[] bytes = chunk.getBytes(StandardCharsets.UTF_8);
            ends.add(bytes, bytes.length);
        }
        assertThat(ends.head()).isEqualTo("-- heade");
        assertThat(ends.tail()).isEqualTo("ijxy-- SET");
    }

    @Test
    void theDeferredGtidPositionOfALargeMariaDbDumpIsInItsTail() {
        StreamEnds ends = new StreamEnds(64, 128);
        String head = "-- MariaDB dump 10.19-11.4.5-MariaDB\n-- CHANGE MASTER TO MASTER_LOG_FILE='mysql-bin.000002', "
                + "MASTER_LOG_POS=4242;\n";
        String data = "INSERT INTO `ballast` VALUES (1,'" + "x".repeat(5000) + "');\n";
        String trailer = "-- The deferred gtid setting for slave corresponding to the master-data CHANGE-MASTER follows\n"
                + "-- SET GLOBAL gtid_slave_pos='0-1-4711';\n";
        for (String part : new String[] {head, data, trailer}) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            ends.add(bytes, bytes.length);
        }
        assertThat(DumpHeader.gtidPosition(ends.head())).isEmpty();
        assertThat(DumpHeader.gtidPosition(ends.tail())).contains("0-1-4711");
    }
}
