package io.handoff.cutover.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("issue-15")
class LineDroppingOutputStreamTest {
    private static final String DUMP = "-- MySQL dump 10.13\n"
            + "SET @MYSQLDUMP_TEMP_LOG_BIN = @@SESSION.SQL_LOG_BIN;\n"
            + "SET @@SESSION.SQL_LOG_BIN= 0;\n"
            + "/* SET @@GLOBAL.GTID_PURGED='+3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5';*/\n"
            + "INSERT INTO t VALUES (1,'SET @@SESSION.SQL_LOG_BIN= 0;\\n'),(2,'x');\n"
            + "SET @@SESSION.SQL_LOG_BIN = @MYSQLDUMP_TEMP_LOG_BIN;\n"
            + "SET @@SESSION";

    @Test
    void binloggedLoadLeavesOutTheDumpsSessionBinlogSwitchWhateverTheChunks() throws IOException {
        String expected = "-- MySQL dump 10.13\n"
                + "SET @MYSQLDUMP_TEMP_LOG_BIN = @@SESSION.SQL_LOG_BIN;\n"
                + "/* SET @@GLOBAL.GTID_PURGED='+3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5';*/\n"
                + "INSERT INTO t VALUES (1,'SET @@SESSION.SQL_LOG_BIN= 0;\\n'),(2,'x');\n"
                + "SET @@SESSION";
        byte[] dump = DUMP.getBytes(StandardCharsets.UTF_8);
        for (int chunk = 1; chunk <= dump.length; chunk++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            LineDroppingOutputStream filter = new LineDroppingOutputStream(out, "SET @@SESSION.SQL_LOG_BIN");
            for (int at = 0; at < dump.length; at += chunk) {
                filter.write(dump, at, Math.min(chunk, dump.length - at));
            }
            filter.close();
            assertThat(out.toString(StandardCharsets.UTF_8)).as("chunks of %d bytes", chunk).isEqualTo(expected);
            assertThat(filter.droppedLines()).isEqualTo(2);
        }
    }
}
