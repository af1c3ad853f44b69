package io.handoff.cutover.seed;

import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.conf.RuntimeProperty;
import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.jdbc.JdbcStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code LOAD DATA LOCAL INFILE} into MySQL on the seed's own writer sessions, from rows in memory and nothing else.
 *
 * <p>A client that allows {@code LOCAL INFILE} sends whatever file the server names in its request, and a server may
 * request one in answer to any statement. Connector/J sends a stream it was given instead of any file, and reads a file
 * only while its {@code allowLoadLocalInfile} is on and it holds no stream. So only the seed's writers log in with
 * {@code allowLoadLocalInfile} ({@link #DRIVER_PROPERTIES}: the login announces the capability, which the server
 * requires and which cannot be announced later), the writer switches it off again as soon as it is logged in
 * ({@link #lockDown}), and {@link #load} switches it on only while one of the seed's {@code LOAD DATA} statements runs
 * with its rows as the stream. A request for a file in answer to any other statement is refused by the driver; no
 * folder is opened to the server ({@code allowLoadLocalInfileInPath} is not used).
 *
 * <p>With {@code LOCAL}, MySQL takes any load as {@code LOAD DATA IGNORE}: a duplicate key skips its row, and a value
 * the column cannot hold as it is (too long, out of range) is changed with a warning, even in a strict
 * {@code sql_mode}. {@link #load} therefore fails a batch that did not write each of its rows or raised any warning,
 * before its transaction commits: the seed refuses what a strict {@code INSERT} would have refused.
 */
final class LocalInfile {
    /** What the seed's writer sessions give the driver when they log in, and no other session. */
    static final Map<String, String> DRIVER_PROPERTIES = Map.of(PropertyKey.allowLoadLocalInfile.getKeyName(), "true");
    /** Warnings named in a failed batch's message, at most. */
    private static final int NAMED_WARNINGS = 3;

    private LocalInfile() {
    }

    /** Switches {@code writer}'s permission to send a local file off, right after it logged in with it. */
    static void lockDown(Connection writer) throws SQLException {
        permission(writer).setValue(false);
    }

    /**
     * Why the target does not take {@code LOAD DATA LOCAL INFILE}, named by its setting; empty when it does. Read on
     * {@code session}, a session on the target without auto-commit, whose transaction it ends.
     */
    static Optional<String> refusal(Connection session) throws SQLException {
        boolean on;
        try (Statement sql = session.createStatement(); ResultSet row = sql.executeQuery("SELECT @@GLOBAL.local_infile")) {
            on = row.next() && row.getBoolean(1);
        }
        session.commit();
        return on ? Optional.empty() : Optional.of("the target's local_infile is OFF (MySQL 8.0+'s default)");
    }

    /**
     * Loads {@code rows} into {@code chunk}'s table with {@code load} (a statement of a writer session) and
     * {@code statement} ({@link LoadDataRows#statement}), in the session's open transaction.
     *
     * @throws SQLException the server's, or one naming the chunk when the load skipped a row or warned of any value
     */
    static void load(Statement load, String statement, LoadDataRows rows, Chunk chunk) throws SQLException {
        RuntimeProperty<Boolean> permission = permission(load.getConnection());
        JdbcStatement local = load.unwrap(JdbcStatement.class);
        long loaded;
        local.setLocalInfileInputStream(rows.stream());
        permission.setValue(true);
        try {
            loaded = load.executeLargeUpdate(statement);
        } finally {
            permission.setValue(false);
            local.setLocalInfileInputStream(null);
        }
        SQLWarning warnings = load.getWarnings();
        if (loaded != rows.rows() || warnings != null) {
            throw refused(chunk, loaded, rows.rows(), warnings);
        }
    }

    private static SQLException refused(Chunk chunk, long loaded, int rows, SQLWarning warnings) {
        List<String> named = new ArrayList<>();
        int count = 0;
        for (SQLWarning warning = warnings; warning != null; warning = warning.getNextWarning()) {
            if (count++ < NAMED_WARNINGS) {
                named.add(warning.getErrorCode() + " " + warning.getMessage());
            }
        }
        String message = "LOAD DATA into " + chunk + " wrote " + loaded + " of " + rows + " rows"
                + (count == 0 ? "" : " with " + count + " warning(s): " + String.join("; ", named) + (count > named.size() ? "; ..." : ""))
                + "; a strict INSERT would have refused them: the chunk's transaction is rolled back";
        return new SQLException(message, "HY000", warnings == null ? 0 : warnings.getErrorCode());
    }

    private static RuntimeProperty<Boolean> permission(Connection writer) throws SQLException {
        return writer.unwrap(JdbcConnection.class).getPropertySet().getBooleanProperty(PropertyKey.allowLoadLocalInfile);
    }
}
