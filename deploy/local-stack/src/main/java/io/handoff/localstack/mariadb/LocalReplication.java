package io.handoff.localstack.mariadb;

import io.handoff.common.cluster.Secret;
import io.handoff.common.cluster.ServerFlavor;
import io.handoff.common.sql.DumpHeader;
import io.handoff.common.sql.GtidSets;
import io.handoff.common.sql.ReplicaStatusColumns;
import io.handoff.common.sql.ServerVersion;
import io.handoff.common.sql.SqlDialect;
import io.handoff.common.sql.SqlStatement;
import io.handoff.localstack.ChildProcesses;
import io.handoff.localstack.db.DatabaseServer;
import io.handoff.localstack.db.StackFlavor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Test fixture: seeds the target from the source with a consistent dump and starts GTID replication
 * target &lt;- source, so that tests of later steps start from "the target already replicates"; and puts
 * both servers back to stand-alone. (The production path is the cutover service's SEED and
 * START_REPLICATION steps.) Every flavour pairing the stack replicates works: MariaDB to MariaDB, Oracle
 * MySQL to MySQL or to the Aurora-like MySQL (the package name is older than the MySQL servers).
 *
 * <p>Replication is controlled with the flavour's {@link SqlDialect} statements, run as the stack's admin
 * account: on the Aurora-like target too, where admin holds every privilege, so the fixture speaks plain
 * MySQL there (handoff's own account on it, {@code master}, would go through the {@code mysql.rds_*}
 * procedures). Replication is encrypted, as START_REPLICATION sets it up by default. What the dump and the
 * GTID bookkeeping differ in is {@link DumpFamily}'s.
 */
public final class LocalReplication {
    private static final int HEAD_LIMIT = 1 << 20;
    private static final int TAIL_LIMIT = 64 << 10;

    private final DatabaseServer source;
    private final DatabaseServer target;

    public LocalReplication(DatabaseServer source, DatabaseServer target) {
        this.source = source;
        this.target = target;
    }

    /**
     * Dumps {@code schemas} from the source in one consistent snapshot with its GTID position, loads
     * the dump into the target without binlogging it there (no errant GTIDs), records the position as
     * applied there and starts replication after it. Returns the GTID position the target starts from
     * (normalised, {@link GtidSets}).
     */
    public String seedAndReplicate(List<String> schemas) {
        Path dump = dump(schemas);
        String position = GtidSets.normalize(positionOf(dump));
        load(dump);
        startReplication(position);
        return position;
    }

    /** Stops the target's replica threads and forgets the source. */
    public void stopReplication() {
        try (Connection connection = admin(target)) {
            SqlDialect sql = dialect(target);
            execute(connection, List.of(sql.stopReplica(), sql.resetReplicaAll()));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot stop replication on the target: " + e.getMessage(), e);
        }
    }

    /** Stops the target's applier thread only: it goes on receiving the source's transactions, and falls behind applying them. */
    public void stopApplier() {
        runOnTarget(dialect(target).stopApplier(), "stop the applier");
    }

    /** Starts the applier thread {@link #stopApplier()} stopped. */
    public void startApplier() {
        runOnTarget(dialect(target).startApplier(), "start the applier");
    }

    /**
     * Both servers stand alone again: no replication, writable, an empty binlog and no GTID history, whatever
     * a test left behind, so that the next test's GTIDs cannot collide with this one's.
     */
    public void standAlone() {
        for (DatabaseServer server : List.of(source, target)) {
            SqlDialect sql = dialect(server);
            try (Connection connection = admin(server)) {
                List<SqlStatement> statements = new ArrayList<>(List.of(sql.stopReplica(), sql.resetReplicaAll()));
                statements.addAll(sql.setReadOnly(false));
                statements.addAll(DumpFamily.of(server.flavor()).forgetGtids(sql, version(connection, sql)));
                execute(connection, statements);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot make " + server.role().clusterName() + " stand alone: " + e.getMessage(), e);
            }
        }
    }

    /**
     * The dialect the fixture speaks to {@code server} as admin: its flavour's, and plain MySQL's on the
     * Aurora-like server (see the class comment).
     */
    public static SqlDialect dialect(DatabaseServer server) {
        return server.flavor() == StackFlavor.AURORA_MYSQL ? SqlDialect.of(ServerFlavor.MYSQL_8)
                : SqlDialect.of(server.flavor().serverFlavor());
    }

    private Path dump(List<String> schemas) {
        Path dump = workFile("seed.sql");
        List<String> command = new ArrayList<>(List.of(source.dumpProgram().toString(), "--no-defaults",
                "--protocol=socket", "--socket=" + source.socket(), "--user=root", "--single-transaction"));
        command.addAll(DumpFamily.of(source.flavor()).positionOptions());
        command.addAll(List.of("--routines", "--triggers", "--result-file=" + dump, "--databases"));
        command.addAll(schemas);
        ChildProcesses.run(command, dump.getParent(), workFile("seed-dump.log"), Duration.ofMinutes(5));
        return dump;
    }

    /**
     * The GTID position the dump names: in its last bytes (MariaDB 11 prints it after the data of a larger
     * dump) or else in its header (MySQL, small MariaDB dumps).
     */
    private static String positionOf(Path dump) {
        try (FileChannel channel = FileChannel.open(dump, StandardOpenOption.READ)) {
            long size = channel.size();
            Optional<String> last = DumpHeader.gtidPosition(read(channel, Math.max(0, size - TAIL_LIMIT), TAIL_LIMIT));
            return last.or(() -> DumpHeader.gtidPosition(read(channel, 0, HEAD_LIMIT)))
                    .orElseThrow(() -> new IllegalStateException("no GTID position in the dump " + dump));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(FileChannel channel, long from, int limit) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(limit, Math.max(0, channel.size() - from)));
            while (buffer.hasRemaining() && channel.read(buffer, from + buffer.position()) >= 0) {
                // FileChannel.read may return fewer bytes than asked
            }
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void load(Path dump) {
        ChildProcesses.run(List.of("/bin/sh", "-c",
                "exec \"$0\" --no-defaults --protocol=socket --socket=\"$1\" --user=root --init-command='SET sql_log_bin=0' < \"$2\"",
                target.client().toString(), target.socket().toString(), dump.toString()),
                dump.getParent(), workFile("seed-load.log"), Duration.ofMinutes(5));
    }

    private void startReplication(String position) {
        DbAccount repl = source.accounts().repl();
        SqlDialect sql = dialect(target);
        try (Connection connection = admin(target)) {
            List<SqlStatement> statements = new ArrayList<>(List.of(sql.stopReplica()));
            statements.addAll(DumpFamily.of(target.flavor()).recordLoaded(sql, position));
            // Host, user and password are the stack's own (loopback, fixed names, alphanumeric password).
            statements.addAll(sql.changeSource(source.host(), source.port(), repl.user(), Secret.of(repl.password()), position));
            // A fixture's replica reconnects within a second of a source restart (the servers' default is 60 s), so
            // that drills restarting a server do not wait on the retry.
            statements.add(SqlStatement.of(target.flavor().isMySql() ? "CHANGE REPLICATION SOURCE TO SOURCE_CONNECT_RETRY=1"
                    : "CHANGE MASTER TO MASTER_CONNECT_RETRY=1"));
            statements.add(sql.startReplica());
            execute(connection, statements);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start replication on the target: " + e.getMessage(), e);
        }
    }

    /** The I/O and SQL threads' states and their last errors, for assertions and messages. */
    public String replicaStatus() {
        SqlDialect sql = dialect(target);
        ReplicaStatusColumns columns = sql.replicaStatusColumns();
        try (Connection connection = admin(target); PreparedStatement statement = sql.replicaStatus().prepare(connection);
                ResultSet status = statement.executeQuery()) {
            if (!status.next()) {
                return "not a replica";
            }
            return "io=" + status.getString(columns.ioRunning()) + " sql=" + status.getString(columns.sqlRunning())
                    + " io_error=" + status.getString(columns.lastIoError()) + " sql_error=" + status.getString(columns.lastSqlError());
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private void runOnTarget(SqlStatement statement, String what) {
        try (Connection connection = admin(target)) {
            execute(connection, List.of(statement));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot " + what + " on the target: " + e.getMessage(), e);
        }
    }

    private static Connection admin(DatabaseServer server) throws SQLException {
        return server.connect(server.accounts().admin());
    }

    private static ServerVersion version(Connection connection, SqlDialect sql) throws SQLException {
        try (PreparedStatement statement = sql.serverVersion().prepare(connection);
                ResultSet row = statement.executeQuery()) {
            row.next();
            return ServerVersion.parse(row.getString(1));
        }
    }

    private static void execute(Connection connection, List<SqlStatement> statements) throws SQLException {
        for (SqlStatement statement : statements) {
            try (PreparedStatement prepared = statement.prepare(connection)) {
                prepared.execute();
            }
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
