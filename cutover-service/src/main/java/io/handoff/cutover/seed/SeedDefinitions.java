package io.handoff.cutover.seed;

import io.handoff.cutover.cluster.PortableSql;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the source's tables, views, routines and events of the seeded schemas were when a seed read them: one digest per
 * object (a table's {@code SHOW CREATE TABLE} without its next {@code AUTO_INCREMENT} value; a view's, routine's or
 * event's definition, definer, modes and, for routines and events, when it was created and last altered). Triggers are
 * not among them: each attempt of a seed reads them at its own snapshot.
 *
 * <p>A resumed seed compares the digests its first attempt recorded ({@link SeedLedger}) with the source's now: DDL run
 * on the source between the attempts lies before the new snapshot's position, so replication would never bring it,
 * and the definitions on the target are the first attempt's. An index added, a column widened, a table created or a
 * view dropped in between would be missing on the target (or in the way) for good. Tables that differ are copied anew
 * ({@link ChangedTables}); when a view, routine or event differs the seed starts over, and drops on the target what the
 * first attempt created there and the source no longer has.
 */
final class SeedDefinitions {
    /** One object's definition, by kind ({@code TABLE}, {@code VIEW}, {@code PROCEDURE}, {@code FUNCTION}, {@code EVENT}). */
    record Definition(String kind, String schema, String name, String digest) {
        String key() {
            return kind + " " + schema + "." + name;
        }

        /** The statement that drops this object on a server, if it is there. */
        String drop() {
            return "DROP " + kind + " IF EXISTS " + PortableSql.identifier(schema) + "." + PortableSql.identifier(name);
        }
    }

    /** ER_NO_SUCH_TABLE: a table dropped between its listing and its {@code SHOW CREATE TABLE}. */
    private static final int NO_SUCH_TABLE = 1146;

    private SeedDefinitions() {
    }

    /** The definitions of {@code schemas}' tables, views, routines and events on {@code source}, in a stable order. */
    static List<Definition> of(Connection source, Collection<String> schemas) throws SQLException {
        String in = SeedTables.in(schemas);
        Map<String, Definition> definitions = new LinkedHashMap<>();
        List<String[]> tables = new ArrayList<>();
        SeedTables.query(source, "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE'"
                + " AND TABLE_SCHEMA " + in + " ORDER BY TABLE_SCHEMA, TABLE_NAME", schemas,
                row -> tables.add(new String[] {row.getString(1), row.getString(2)}));
        try (Statement sql = source.createStatement()) {
            for (String[] table : tables) {
                try (ResultSet created = sql.executeQuery("SHOW CREATE TABLE " + PortableSql.identifier(table[0]) + "."
                        + PortableSql.identifier(table[1]))) {
                    if (created.next()) {
                        // Dropped since it was listed: not there, as a table dropped before would not be.
                        add(definitions, "TABLE", table[0], table[1], created.getString(2).replaceAll(" AUTO_INCREMENT=\\d+", ""));
                    }
                } catch (SQLException e) {
                    if (e.getErrorCode() != NO_SUCH_TABLE) {
                        throw e;
                    }
                }
            }
        }
        SeedTables.query(source, "SELECT TABLE_SCHEMA, TABLE_NAME, VIEW_DEFINITION, CHECK_OPTION, DEFINER, SECURITY_TYPE,"
                + " CHARACTER_SET_CLIENT, COLLATION_CONNECTION FROM information_schema.VIEWS WHERE TABLE_SCHEMA " + in
                + " ORDER BY TABLE_SCHEMA, TABLE_NAME", schemas, row -> add(definitions, "VIEW", row.getString(1), row.getString(2),
                        rest(row, 3)));
        SeedTables.query(source, "SELECT ROUTINE_SCHEMA, ROUTINE_NAME, ROUTINE_TYPE, ROUTINE_DEFINITION, DTD_IDENTIFIER,"
                + " IS_DETERMINISTIC, SQL_DATA_ACCESS, SECURITY_TYPE, SQL_MODE, DEFINER, ROUTINE_COMMENT, CREATED, LAST_ALTERED"
                + " FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA " + in + " ORDER BY ROUTINE_SCHEMA, ROUTINE_TYPE, ROUTINE_NAME",
                schemas, row -> add(definitions, row.getString(3).toUpperCase(Locale.ROOT), row.getString(1), row.getString(2),
                        rest(row, 4)));
        // Not STATUS or LAST_EXECUTED, which the server changes as the event runs (ALTER EVENT ... DISABLE alters it).
        SeedTables.query(source, "SELECT EVENT_SCHEMA, EVENT_NAME, EVENT_DEFINITION, DEFINER, EVENT_TYPE, EXECUTE_AT,"
                + " INTERVAL_VALUE, INTERVAL_FIELD, STARTS, ENDS, ON_COMPLETION, SQL_MODE, EVENT_COMMENT, CREATED, LAST_ALTERED"
                + " FROM information_schema.EVENTS WHERE EVENT_SCHEMA " + in + " ORDER BY EVENT_SCHEMA, EVENT_NAME", schemas,
                row -> add(definitions, "EVENT", row.getString(1), row.getString(2), rest(row, 3)));
        return List.copyOf(definitions.values());
    }

    /**
     * What differs between the definitions an earlier attempt recorded and those now, as {@code TABLE s.t changed},
     * {@code VIEW s.v created} or {@code dropped}; empty when they are the same.
     */
    static List<String> differences(List<Definition> earlier, List<Definition> now) {
        Map<String, Definition> before = byKey(earlier);
        Map<String, Definition> after = byKey(now);
        List<String> differences = new ArrayList<>();
        for (Definition definition : now) {
            Definition old = before.get(definition.key());
            if (old == null) {
                differences.add(definition.key() + " created");
            } else if (!old.digest().equals(definition.digest())) {
                differences.add(definition.key() + " changed");
            }
        }
        for (Definition definition : earlier) {
            if (!after.containsKey(definition.key())) {
                differences.add(definition.key() + " dropped");
            }
        }
        return differences;
    }

    /** {@code differences} ({@link #differences}) on one line, at most ten of them named. */
    static String named(List<String> differences) {
        int shown = Math.min(differences.size(), 10);
        return String.join(", ", differences.subList(0, shown))
                + (differences.size() > shown ? ", and " + (differences.size() - shown) + " more" : "");
    }

    /**
     * The objects that differ between {@code earlier} and {@code now}: each created or changed as it is now, each dropped
     * as it was; in the order of {@link #differences}.
     */
    static List<Definition> differing(List<Definition> earlier, List<Definition> now) {
        Map<String, Definition> before = byKey(earlier);
        List<Definition> differing = new ArrayList<>();
        for (Definition definition : now) {
            Definition old = before.get(definition.key());
            if (old == null || !old.digest().equals(definition.digest())) {
                differing.add(definition);
            }
        }
        differing.addAll(gone(earlier, now));
        return differing;
    }

    /** The objects among {@code earlier} that are not among {@code now} (dropped on the source since). */
    static List<Definition> gone(List<Definition> earlier, List<Definition> now) {
        Map<String, Definition> after = byKey(now);
        return earlier.stream().filter(definition -> !after.containsKey(definition.key())).toList();
    }

    private static Map<String, Definition> byKey(List<Definition> definitions) {
        Map<String, Definition> byKey = new LinkedHashMap<>();
        definitions.forEach(definition -> byKey.put(definition.key(), definition));
        return byKey;
    }

    private static String rest(ResultSet row, int from) throws SQLException {
        StringBuilder text = new StringBuilder();
        for (int column = from; column <= row.getMetaData().getColumnCount(); column++) {
            text.append(row.getString(column)).append('\u0000');
        }
        return text.toString();
    }

    private static void add(Map<String, Definition> definitions, String kind, String schema, String name, String text) {
        Definition definition = new Definition(kind, schema, name, digest(text));
        definitions.put(definition.key(), definition);
    }

    static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
