package io.handoff.localstack.mariadb;

import io.handoff.localstack.db.DatabaseServer;
import io.handoff.localstack.ChildProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test fixture: seeds the target from the source with a consistent dump and starts GTID replication
 * target &lt;- source, so that tests of later steps start from "the target already replicates".
 * (The production path is the cutover service's SEED and START_REPLICATION steps.)
 */
public final class LocalReplication {
    private static final Pattern GTID_IN_DUMP = Pattern.compile("gtid_slave_pos\\s*=\\s*'([^']*)'");

    private final DatabaseServer source;
    private final DatabaseServer target;

    public LocalReplication(DatabaseServer source, DatabaseServer target) {
        this.source = source;
        this.target = target;
    }

    /**
     * Dumps {@code schemas} from the source in one consistent snapshot with its GTID position, loads
     * the dump into the target without binlogging it there (no errant GTIDs), and starts replication
     * from that position. Returns the GTID position the target starts from.
     */
    public String seedAndReplicate(List<String> schemas) {
        Path dump = dump(schemas);
        String gtid = gtidOf(dump);
        load(dump);
        startReplication(gtid);
        return gtid;
    }

    /** Stops the target's replica threads and forgets the source. */
    public void stopReplication() {
        try (Connection connection = target.connect(target.accounts().admin());
                Statement statement = connection.createStatement()) {
            statement.execute("STOP SLAVE");
            statement.execute("RESET SLAVE ALL");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot stop replication on the target: " + e.getMessage(), e);
        }
    }

    private Path dump(List<String> schemas) {
        Path dump = workFile("seed.sql");
        List<String> command = new ArrayList<>(List.of(source.program("mariadb-dump").toString(),
                "--protocol=socket", "--socket=" + source.socket(), "--user=root",
                "--single-transaction", "--gtid", "--master-data=2", "--routines", "--triggers",
                "--result-file=" + dump, "--databases"));
        command.addAll(schemas);
        ChildProcesses.run(command, dump.getParent(), workFile("seed-dump.log"), Duration.ofMinutes(5));
        return dump;
    }

    private static String gtidOf(Path dump) {
        try (var lines = Files.lines(dump, StandardCharsets.UTF_8)) {
            // MariaDB 11 writes the position in the header of a small dump and after the data of a larger one.
            return lines
                    .map(GTID_IN_DUMP::matcher)
                    .filter(Matcher::find)
                    .map(m -> m.group(1))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no gtid_slave_pos in the dump " + dump));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void load(Path dump) {
        ChildProcesses.run(List.of("/bin/sh", "-c",
                "exec \"$0\" --protocol=socket --socket=\"$1\" --user=root --init-command='SET sql_log_bin=0' < \"$2\"",
                target.program("mariadb").toString(), target.socket().toString(), dump.toString()),
                dump.getParent(), workFile("seed-load.log"), Duration.ofMinutes(5));
    }

    private void startReplication(String gtid) {
        DbAccount repl = source.accounts().repl();
        try (Connection connection = target.connect(target.accounts().admin());
                Statement statement = connection.createStatement()) {
            statement.execute("STOP SLAVE");
            statement.execute("SET GLOBAL gtid_slave_pos='" + gtid + "'");
            // Host, user and password are the stack's own (loopback, fixed names, alphanumeric password).
            statement.execute("CHANGE MASTER TO MASTER_HOST='" + source.host() + "', MASTER_PORT=" + source.port()
                    + ", MASTER_USER='" + repl.user() + "', MASTER_PASSWORD='" + repl.password()
                    + "', MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1");
            statement.execute("START SLAVE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start replication on the target: " + e.getMessage(), e);
        }
    }

    /** {@code Slave_IO_Running}, {@code Slave_SQL_Running} and the last errors, for assertions and messages. */
    public String replicaStatus() {
        try (Connection connection = target.connect(target.accounts().admin());
                Statement statement = connection.createStatement();
                ResultSet status = statement.executeQuery("SHOW SLAVE STATUS")) {
            if (!status.next()) {
                return "not a replica";
            }
            return "io=" + status.getString("Slave_IO_Running") + " sql=" + status.getString("Slave_SQL_Running")
                    + " io_error=" + status.getString("Last_IO_Error") + " sql_error=" + status.getString("Last_SQL_Error");
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private Path workFile(String name) {
        Path dir = target.socket().getParent().resolve("seed");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir.resolve(name);
    }
}
