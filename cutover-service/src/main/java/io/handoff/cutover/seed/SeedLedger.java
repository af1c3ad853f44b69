package io.handoff.cutover.seed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The record, on the target, of a parallel seed's chunks and which of them are done: what lets a seed that stopped
 * part-way (cutover-service killed, the target restarted, a session cut) go on instead of starting over.
 *
 * <p>It lives in the schema {@value #SCHEMA} on the target, written by sessions that do not binlog (only unlogged loads
 * keep one: a binlogged load's own GTIDs could not be told from the seed's), and is dropped when the seed completes.
 * A chunk is marked done in the transaction that commits its last rows, so a chunk marked done holds all its rows; any
 * other may hold those of its commits before a cut ({@link ChunkCopy} commits a large chunk part-way), which a resumed
 * seed deletes before copying it again.
 *
 * <p>A ledger belongs to one seed, named by {@link #seedOf its source and schemas}; a ledger of another seed is
 * dropped by the next one that starts.
 */
final class SeedLedger {
    static final String SCHEMA = "handoff_seed";
    private static final String TABLE = SCHEMA + ".chunks";
    private static final String DEFERRED = SCHEMA + ".deferred_indexes";
    private static final String DEFINITIONS = SCHEMA + ".definitions";
    private static final String DEFINITION_COLUMNS = "kind, object_schema, object_name, digest";
    private static final String DEFERRED_COLUMNS = "table_schema, table_name, index_name, definition";

    /** A chunk recorded by an earlier attempt, by its table's name and key range, and whether its rows are in. */
    record Entry(String schema, String table, Long from, Long to, boolean done) {
    }

    private SeedLedger() {
    }

    /** The name of the seed of {@code schemas} from {@code source}. */
    static String seedOf(String source, List<String> schemas) {
        return source + ":" + String.join(",", schemas);
    }

    /**
     * The chunks an earlier attempt of {@code seed} recorded on the target, in order, when it did not finish; empty
     * when there is no ledger, or the ledger is another seed's.
     */
    static Optional<List<Entry>> unfinished(Connection target, String seed) throws SQLException {
        if (!exists(target, "chunks")) {
            return Optional.empty();
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        try (PreparedStatement read = target.prepareStatement("SELECT seed, chunk, table_schema, table_name, key_from, key_to, done"
                + " FROM " + TABLE + " ORDER BY ordinal")) {
            try (ResultSet row = read.executeQuery()) {
                while (row.next()) {
                    if (!seed.equals(row.getString(1))) {
                        return Optional.empty();
                    }
                    entries.put(row.getString(2), new Entry(row.getString(3), row.getString(4), row.getObject(5, Long.class),
                            row.getObject(6, Long.class), row.getBoolean(7)));
                }
            }
        }
        target.commit();
        return entries.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(entries.values()));
    }

    /**
     * Starts the ledger of {@code seed} over with {@code chunks}, none done, and the source's {@code definitions} that the
     * seed copied ({@link SeedDefinitions}); any earlier ledger is dropped.
     */
    static void begin(Connection target, String seed, List<Chunk> chunks, List<SeedDefinitions.Definition> definitions)
            throws SQLException {
        drop(target);
        try (Statement sql = target.createStatement()) {
            sql.execute("CREATE DATABASE " + SCHEMA);
            sql.execute("CREATE TABLE " + TABLE + " (ordinal INT NOT NULL PRIMARY KEY, seed VARCHAR(1024) NOT NULL,"
                    + " chunk VARCHAR(300) NOT NULL UNIQUE, table_schema VARCHAR(64) NOT NULL, table_name VARCHAR(64) NOT NULL,"
                    + " key_from BIGINT NULL, key_to BIGINT NULL, done BOOLEAN NOT NULL) DEFAULT CHARSET = utf8mb4");
            sql.execute("CREATE TABLE " + DEFINITIONS + " (ordinal INT NOT NULL PRIMARY KEY, kind VARCHAR(16) NOT NULL,"
                    + " object_schema VARCHAR(64) NOT NULL, object_name VARCHAR(64) NOT NULL, digest CHAR(64) NOT NULL)"
                    + " DEFAULT CHARSET = utf8mb4");
        }
        insertDefinitions(target, definitions);
        insertChunks(target, seed, chunks);
        target.commit();
    }

    /**
     * The source's definitions the earlier attempt recorded when it began; empty when it recorded none (a ledger of a
     * version of handoff that did not record them).
     */
    static Optional<List<SeedDefinitions.Definition>> definitions(Connection target) throws SQLException {
        return readAll(target, "definitions", DEFINITION_COLUMNS,
                row -> new SeedDefinitions.Definition(row[0], row[1], row[2], row[3]));
    }

    /** Marks {@code chunk} done, in the target session's open transaction (the one that holds the chunk's rows). */
    static void markDone(Connection target, Chunk chunk) throws SQLException {
        try (PreparedStatement update = target.prepareStatement("UPDATE " + TABLE + " SET done = TRUE WHERE chunk = ?")) {
            update.setString(1, chunk.toString());
            if (update.executeUpdate() != 1) {
                throw new SQLException("the seed's ledger on the target has no chunk " + chunk + ": it was changed by someone else");
            }
        }
    }

    /**
     * Records the secondary indexes the seed drops until its rows are in ({@link DeferredIndexes}), committed before they
     * are dropped: a resumed seed adds back those the target does not have.
     */
    static void recordDeferred(Connection target, List<DeferredIndexes.Index> indexes) throws SQLException {
        try (Statement sql = target.createStatement()) {
            createDeferred(sql);
            sql.execute("DELETE FROM " + DEFERRED);
        }
        insertDeferred(target, indexes);
        target.commit();
    }

    /**
     * Starts {@code tables} (each {@code {schema, name}}) over in the ledger of {@code seed}: their chunks and deferred
     * indexes are forgotten, and {@code chunks} (none done) and {@code deferred} recorded for them instead, with the
     * source's {@code definitions} now; in one transaction, committed. For tables whose definitions changed on the source
     * since the seed began ({@link SeedDefinitions}), which a resumed seed copies anew.
     */
    static void startOver(Connection target, String seed, List<String[]> tables, List<Chunk> chunks,
            List<DeferredIndexes.Index> deferred, List<SeedDefinitions.Definition> definitions) throws SQLException {
        try (Statement sql = target.createStatement()) {
            createDeferred(sql);
            sql.execute("DELETE FROM " + DEFINITIONS);
        }
        for (String ledgerTable : List.of(TABLE, DEFERRED)) {
            try (PreparedStatement forget = target.prepareStatement("DELETE FROM " + ledgerTable
                    + " WHERE table_schema = ? AND table_name = ?")) {
                for (String[] table : tables) {
                    forget.setString(1, table[0]);
                    forget.setString(2, table[1]);
                    forget.addBatch();
                }
                forget.executeBatch();
            }
        }
        insertDefinitions(target, definitions);
        insertChunks(target, seed, chunks);
        insertDeferred(target, deferred);
        target.commit();
    }

    private static void createDeferred(Statement sql) throws SQLException {
        sql.execute("CREATE TABLE IF NOT EXISTS " + DEFERRED + " (ordinal INT NOT NULL PRIMARY KEY, table_schema VARCHAR(64)"
                + " NOT NULL, table_name VARCHAR(64) NOT NULL, index_name VARCHAR(64) NOT NULL, definition TEXT NOT NULL)"
                + " DEFAULT CHARSET = utf8mb4");
    }

    private static void insertDeferred(Connection target, List<DeferredIndexes.Index> indexes) throws SQLException {
        insertAll(target, DEFERRED, DEFERRED_COLUMNS, indexes,
                index -> new Object[] {index.schema(), index.table(), index.name(), index.definition()});
    }

    private static void insertDefinitions(Connection target, List<SeedDefinitions.Definition> definitions) throws SQLException {
        insertAll(target, DEFINITIONS, DEFINITION_COLUMNS, definitions,
                definition -> new Object[] {definition.kind(), definition.schema(), definition.name(), definition.digest()});
    }

    private static void insertChunks(Connection target, String seed, List<Chunk> chunks) throws SQLException {
        insertAll(target, TABLE, "seed, chunk, table_schema, table_name, key_from, key_to, done", chunks, chunk -> new Object[] {
            seed, chunk.toString(), chunk.table().schema(), chunk.table().name(), chunk.from(), chunk.to(), false});
    }

    /** The secondary indexes an earlier attempt recorded as deferred; none when it recorded none. */
    static List<DeferredIndexes.Index> deferred(Connection target) throws SQLException {
        return readAll(target, "deferred_indexes", DEFERRED_COLUMNS, row -> new DeferredIndexes.Index(row[0], row[1], row[2], row[3]))
                .orElse(List.of());
    }

    /**
     * Inserts {@code items} into the ledger's {@code table}, each as its ordinal (after those there, from 0) and then the
     * values {@code values} gives it, in the order of {@code columns}; not committed.
     */
    private static <T> void insertAll(Connection target, String table, String columns, List<T> items,
            java.util.function.Function<T, Object[]> values) throws SQLException {
        int width = columns.split(",").length;
        int ordinal;
        try (Statement sql = target.createStatement();
                ResultSet next = sql.executeQuery("SELECT COALESCE(MAX(ordinal) + 1, 0) FROM " + table)) {
            next.next();
            ordinal = next.getInt(1);
        }
        try (PreparedStatement insert = target.prepareStatement("INSERT INTO " + table + " (ordinal, " + columns + ") VALUES (?"
                + ", ?".repeat(width) + ")")) {
            for (T item : items) {
                insert.setInt(1, ordinal++);
                Object[] row = values.apply(item);
                for (int at = 0; at < width; at++) {
                    insert.setObject(at + 2, row[at]);
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * The rows of the ledger's table {@code table} (in {@link #SCHEMA}) in their order, {@code columns} of each as
     * strings made into one by {@code row}; empty when the ledger has no such table. Commits the read.
     */
    private static <T> Optional<List<T>> readAll(Connection target, String table, String columns,
            java.util.function.Function<String[], T> row) throws SQLException {
        if (!exists(target, table)) {
            target.commit();
            return Optional.empty();
        }
        int width = columns.split(",").length;
        List<T> rows = new java.util.ArrayList<>();
        try (Statement sql = target.createStatement();
                ResultSet read = sql.executeQuery("SELECT " + columns + " FROM " + SCHEMA + "." + table + " ORDER BY ordinal")) {
            while (read.next()) {
                String[] values = new String[width];
                for (int at = 0; at < width; at++) {
                    values[at] = read.getString(at + 1);
                }
                rows.add(row.apply(values));
            }
        }
        target.commit();
        return Optional.of(List.copyOf(rows));
    }

    private static boolean exists(Connection target, String table) throws SQLException {
        try (Statement sql = target.createStatement();
                ResultSet found = sql.executeQuery("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                        + SCHEMA + "' AND TABLE_NAME = '" + table + "'")) {
            found.next();
            return found.getLong(1) > 0;
        }
    }

    /** Drops the ledger, if there is one. */
    static void drop(Connection target) throws SQLException {
        try (Statement sql = target.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + SCHEMA);
        }
    }
}
