package io.handoff.localstack.mysql;

import io.handoff.localstack.ChildProcesses;
import io.handoff.localstack.db.DatabaseServer;
import io.handoff.localstack.db.StackFlavor;
import io.handoff.localstack.db.UnixSocket;
import io.handoff.localstack.mariadb.DbAccount;
import io.handoff.localstack.mariadb.DbRole;
import io.handoff.localstack.mariadb.StackAccounts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Oracle MySQL server ({@link MySqlDistribution}), {@code mysqld} as a child process: GTIDs on,
 * binlog in ROW format with replicated events logged, durable commits, TLS with the certificates
 * {@code mysqld} generates at initialisation, performance_schema on (replication lag from original
 * commit timestamps, Debezium's MySQL connector), and the stack's accounts. As
 * {@link StackFlavor#AURORA_MYSQL} it is also set up like Aurora MySQL 3: the {@code mysql.rds_*}
 * procedures of {@code aurora-mysql3.sql}, and {@link #clusterAccount()} is the master user without SUPER.
 */
public final class MySqlServer implements DatabaseServer {
    private static final Logger LOG = LoggerFactory.getLogger(MySqlServer.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);
    private static final String AURORA_SCRIPT = "aurora-mysql3.sql";

    private final DbRole role;
    private final StackFlavor flavor;
    private final int port;
    private final Path baseDir;
    private final StackAccounts accounts;
    private MySqlDistribution distribution;
    private Process process;
    /** Set once the first start is done: later starts come up read-only ({@link DatabaseServer#restart}). */
    private boolean bootsReadOnly;

    public MySqlServer(DbRole role, StackFlavor flavor, int port, Path baseDir, StackAccounts accounts) {
        if (!flavor.isMySql()) {
            throw new IllegalArgumentException("MySqlServer runs Oracle MySQL; flavour " + flavor + " is not");
        }
        this.role = role;
        this.flavor = flavor;
        this.port = port;
        this.baseDir = baseDir.toAbsolutePath();
        this.accounts = accounts;
    }

    @Override
    public DbRole role() {
        return role;
    }

    @Override
    public StackFlavor flavor() {
        return flavor;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public StackAccounts accounts() {
        return accounts;
    }

    /** MySQL Connector/J; TLS when the server offers it, else the server's RSA key for {@code caching_sha2_password}. */
    @Override
    public String jdbcUrl() {
        return "jdbc:mysql://" + host() + ":" + port + "/?sslMode=PREFERRED&allowPublicKeyRetrieval=true";
    }

    @Override
    public Path socket() {
        return UnixSocket.of(baseDir);
    }

    @Override
    public Path program(String name) {
        return distribution().program(name);
    }

    private Path dataDir() {
        return baseDir.resolve("data");
    }

    private Path errorLog() {
        return baseDir.resolve("error.log");
    }

    private synchronized MySqlDistribution distribution() {
        if (distribution == null) {
            distribution = MySqlDistribution.get();
        }
        return distribution;
    }

    @Override
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        Instant begin = Instant.now();
        boolean fresh = !Files.isDirectory(dataDir().resolve("mysql"));
        if (fresh) {
            initialise();
        }
        launch();
        if (fresh) {
            runAsRoot(MySqlAccountsSql.of(accounts));
            if (flavor == StackFlavor.AURORA_MYSQL) {
                runAsRoot(auroraScript());
            }
        }
        bootsReadOnly = true;
        LOG.info("MySQL {} ({}, server_id {}) up at {}:{} in {} ms", role.clusterName(), flavor.optionName(), role.serverId(),
                host(), port, Duration.between(begin, Instant.now()).toMillis());
    }

    private void initialise() {
        try {
            Files.createDirectories(baseDir.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = common();
        command.add("--initialize-insecure");
        ChildProcesses.run(command, baseDir, baseDir.resolve("initialise.log"), START_TIMEOUT);
    }

    /** Options shared by initialisation and every start. */
    private List<String> common() {
        MySqlDistribution mysql = distribution();
        List<String> command = new ArrayList<>(List.of(mysql.program("mysqld").toString(), "--no-defaults"));
        if ("root".equals(System.getProperty("user.name"))) {
            command.add("--user=root");
        }
        command.addAll(List.of(
                "--basedir=" + mysql.baseDir(),
                "--lc-messages-dir=" + mysql.shareDir(),
                "--character-sets-dir=" + mysql.shareDir().resolve("charsets"),
                "--plugin-dir=" + mysql.pluginDir(),
                "--datadir=" + dataDir(),
                "--tmpdir=" + baseDir.resolve("tmp"),
                "--log-error=" + errorLog(),
                "--innodb-buffer-pool-size=64M",
                "--innodb-redo-log-capacity=64M"));
        return command;
    }

    private void launch() {
        List<String> command = common();
        command.addAll(List.of(
                "--port=" + port,
                "--bind-address=" + host(),
                "--socket=" + socket(),
                "--pid-file=" + baseDir.resolve("mysqld.pid"),
                "--secure-file-priv=" + baseDir.resolve("tmp"),
                "--mysqlx=OFF",
                "--server-id=" + role.serverId(),
                "--log-bin=mysql-bin",
                "--relay-log=relay-bin",
                "--gtid-mode=ON",
                "--enforce-gtid-consistency=ON",
                "--log-replica-updates=ON",
                "--skip-name-resolve",
                "--character-set-server=utf8mb4",
                // Durable, as production runs: every commit's redo and binlog events are flushed to disk before it
                // is acknowledged (issue 16), so a lost write cannot hide behind a relaxed setting.
                "--innodb-flush-log-at-trx-commit=1",
                "--sync-binlog=1",
                // Appliers commit in groups of up to this many transactions (commit order preserved).
                "--replica-parallel-workers=16",
                "--performance-schema=ON",
                "--max-connections=500",
                "--local-infile=ON"));
        if (bootsReadOnly) {
            command.add("--read-only=ON"); // every start after the first: see DatabaseServer#restart
        }
        process = ChildProcesses.start(command, baseDir, baseDir.resolve("mysqld.out"));
        awaitReady();
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("MySQL " + role.clusterName() + " exited with " + process.exitValue()
                        + " while starting:\n" + ChildProcesses.tail(errorLog(), 30));
            }
            if (Files.exists(socket()) && answersPing()) {
                return;
            }
            sleep(Duration.ofMillis(100));
        }
        throw new IllegalStateException("MySQL " + role.clusterName() + " did not start within " + START_TIMEOUT + ":\n"
                + ChildProcesses.tail(errorLog(), 30));
    }

    private boolean answersPing() {
        try {
            Process ping = new ProcessBuilder(program("mysqladmin").toString(), "--no-defaults", "--user=root",
                    "--socket=" + socket(), "--connect-timeout=2", "ping")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return ping.waitFor(10, TimeUnit.SECONDS) && ping.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private String auroraScript() {
        try (InputStream in = MySqlServer.class.getResourceAsStream(AURORA_SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(AURORA_SCRIPT + " is missing from the local stack's resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void runAsRoot(String sql) {
        Path log = baseDir.resolve("root-sql.log");
        try {
            Process client = new ProcessBuilder(program("mysql").toString(), "--no-defaults", "--user=root",
                    "--socket=" + socket(), "--batch", "--silent")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            try (OutputStream in = client.getOutputStream()) {
                in.write(sql.getBytes(StandardCharsets.UTF_8));
            }
            if (!client.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                client.destroyForcibly();
                throw new IllegalStateException("SQL as root timed out on " + role.clusterName());
            }
            if (client.exitValue() != 0) {
                throw new IllegalStateException("SQL as root failed on " + role.clusterName() + ":\n" + ChildProcesses.tail(log, 10));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the mysql client for " + role.clusterName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public Connection connect(DbAccount account) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", account.user());
        properties.setProperty("password", account.password());
        return DriverManager.getConnection(jdbcUrl(), properties);
    }

    @Override
    public synchronized void restart() {
        if (process == null) {
            throw new IllegalStateException("MySQL " + role.clusterName() + " is not running");
        }
        ChildProcesses.stop(process, STOP_GRACE);
        launch();
        LOG.info("MySQL {} restarted at {}:{}", role.clusterName(), host(), port);
    }

    @Override
    public synchronized void kill() {
        ChildProcesses.kill(process);
        LOG.info("MySQL {} killed (SIGKILL)", role.clusterName());
    }

    @Override
    public synchronized void startAfterKill() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("MySQL " + role.clusterName() + " is still running");
        }
        launch();
        LOG.info("MySQL {} started again after a kill at {}:{}", role.clusterName(), host(), port);
    }

    /** The process id of {@code mysqld}, for drills that signal it (SIGSTOP / SIGCONT). */
    @Override
    public synchronized long pid() {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("MySQL " + role.clusterName() + " is not running");
        }
        return process.pid();
    }

    @Override
    public synchronized void close() {
        if (process == null) {
            return;
        }
        ChildProcesses.stop(process, STOP_GRACE);
        process = null;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
