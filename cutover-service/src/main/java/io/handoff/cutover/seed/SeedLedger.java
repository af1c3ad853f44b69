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
        try (PreparedStatement insert = target.prepareStatement("INSERT INTO " + DEFINITIONS
                + " (ordinal, kind, object_schema, object_name, digest) VALUES (?, ?, ?, ?, ?)")) {
            int ordinal = 0;
            for (SeedDefinitions.Definition definition : definitions) {
                insert.setInt(1, ordinal++);
                insert.setString(2, definition.kind());
                insert.setString(3, definition.schema());
                insert.setString(4, definition.name());
                insert.setString(5, definition.digest());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement insert = target.prepareStatement("INSERT INTO " + TABLE
                + " (ordinal, seed, chunk, table_schema, table_name, key_from, key_to, done) VALUES (?, ?, ?, ?, ?, ?, ?, FALSE)")) {
            int ordinal = 0;
            for (Chunk chunk : chunks) {
                insert.setInt(1, ordinal++);
                insert.setString(2, seed);
                insert.setString(3, chunk.toString());
                insert.setString(4, chunk.table().schema());
                insert.setString(5, chunk.table().name());
                insert.setObject(6, chunk.from());
                insert.setObject(7, chunk.to());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        target.commit();
    }

    /**
     * The source's definitions the earlier attempt recorded when it began; empty when it recorded none (a ledger of a
     * version of handoff that did not record them).
     */
    static Optional<List<SeedDefinitions.Definition>> definitions(Connection target) throws SQLException {
        if (!exists(target, "definitions")) {
            target.commit();
            return Optional.empty();
        }
        List<SeedDefinitions.Definition> definitions = new java.util.ArrayList<>();
        try (Statement sql = target.createStatement();
                ResultSet row = sql.executeQuery("SELECT kind, object_schema, object_name, digest FROM " + DEFINITIONS
                        + " ORDER BY ordinal")) {
            while (row.next()) {
                definitions.add(new SeedDefinitions.Definition(row.getString(1), row.getString(2), row.getString(3), row.getString(4)));
            }
        }
        target.commit();
        return Optional.of(List.copyOf(definitions));
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
            sql.execute("CREATE TABLE IF NOT EXISTS " + DEFERRED + " (ordinal INT NOT NULL PRIMARY KEY, table_schema VARCHAR(64)"
                    + " NOT NULL, table_name VARCHAR(64) NOT NULL, index_name VARCHAR(64) NOT NULL, definition TEXT NOT NULL)"
                    + " DEFAULT CHARSET = utf8mb4");
            sql.execute("DELETE FROM " + DEFERRED);
        }
        try (PreparedStatement insert = target.prepareStatement("INSERT INTO " + DEFERRED
                + " (ordinal, table_schema, table_name, index_name, definition) VALUES (?, ?, ?, ?, ?)")) {
            int ordinal = 0;
            for (DeferredIndexes.Index index : indexes) {
                insert.setInt(1, ordinal++);
                insert.setString(2, index.schema());
                insert.setString(3, index.table());
                insert.setString(4, index.name());
                insert.setString(5, index.definition());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        target.commit();
    }

    /** The secondary indexes an earlier attempt recorded as deferred; none when it recorded none. */
    static List<DeferredIndexes.Index> deferred(Connection target) throws SQLException {
        if (!exists(target, "deferred_indexes")) {
            target.commit();
            return List.of();
        }
        List<DeferredIndexes.Index> indexes = new java.util.ArrayList<>();
        try (Statement sql = target.createStatement();
                ResultSet row = sql.executeQuery("SELECT table_schema, table_name, index_name, definition FROM " + DEFERRED
                        + " ORDER BY ordinal")) {
            while (row.next()) {
                indexes.add(new DeferredIndexes.Index(row.getString(1), row.getString(2), row.getString(3), row.getString(4)));
            }
        }
        target.commit();
        return List.copyOf(indexes);
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
