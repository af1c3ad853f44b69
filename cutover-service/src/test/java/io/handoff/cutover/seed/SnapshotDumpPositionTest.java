package io.handoff.cutover.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The position a SNAPSHOT file reports: MariaDB 11 prints it after the data, so a snapshot larger than
 * the header that is read must still name it; older dumps name it in their header.
 */
class SnapshotDumpPositionTest {
    private static final String DATA = "INSERT INTO `ballast` VALUES (1,'" + "x".repeat(3 << 20) + "');\n";

    @TempDir
    Path dir;

    @Test
    void aLargeMariaDb11SnapshotNamesThePositionPrintedAfterItsData() throws Exception {
        Path file = write("-- MariaDB dump 10.19-11.4.5-MariaDB\n" + DATA
                + "-- The deferred gtid setting for slave corresponding to the master-data CHANGE-MASTER follows\n"
                + "-- SET GLOBAL gtid_slave_pos='0-1-4711';\n");

        assertThat(SnapshotDump.existing(file)).hasValueSatisfying(result -> {
            assertThat(result.position()).isEqualTo("0-1-4711");
            assertThat(result.bytes()).isGreaterThan(3 << 20);
        });
    }

    @Test
    void aDumpWithThePositionInItsHeaderNamesIt() throws Exception {
        Path file = write("-- MariaDB dump 10.19-10.11.6-MariaDB\n-- SET GLOBAL gtid_slave_pos='0-1-99';\n" + DATA);

        assertThat(SnapshotDump.existing(file)).hasValueSatisfying(result -> assertThat(result.position()).isEqualTo("0-1-99"));
    }

    @Test
    void aDumpWithoutPositionReportsNone() throws Exception {
        assertThat(SnapshotDump.existing(write("-- dump\n" + DATA))).hasValueSatisfying(result -> assertThat(result.position()).isEmpty());
    }

    private Path write(String content) throws Exception {
        return Files.writeString(dir.resolve("snapshot.sql"), content, StandardCharsets.UTF_8);
    }
}
