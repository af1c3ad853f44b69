package io.handoff.cutover.support;

import io.handoff.localstack.db.DatabaseServer;
import io.handoff.localstack.mariadb.DbAccount;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A schema that holds what a seed must carry over intact, the same on MariaDB and MySQL: character sets (latin1 and
 * 4-byte UTF-8), every byte value in a BLOB, JSON, floating and exact numbers, BIT, ENUM, SET, zero and fractional
 * dates, YEAR, a TINYINT(1) holding 5, spatial values, virtual and stored generated columns, a row with key 0, quotes, backslashes, NUL and CRLF in
 * text, a table large enough to be split, a composite key, no key, a foreign key, a trigger (which must not fire on
 * copied rows), a view, a function, a procedure and an event. {@link #checksums} and {@link #objects} read what a
 * copy must equal.
 */
public final class SeedSchema {
    /** Rows of the table large enough to be split into several chunks. */
    public static final int BIG_ROWS = 300_000;
    private static final String DIGITS = "(SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4"
            + " UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)";

    private final String name;
    private final DbAccount admin;

    public SeedSchema(String name, DbAccount admin) {
        this.name = name;
        this.admin = admin;
    }

    public String name() {
        return name;
    }

    /** Creates the schema, its objects and rows on {@code server}, and refreshes its tables' statistics. */
    public void create(DatabaseServer server) throws SQLException {
        StringBuilder everyByte = new StringBuilder();
        for (int value = 0; value < 256; value++) {
            everyByte.append(String.format("%02x", value));
        }
        String s = name;
        execute(server, "SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO'",
                "CREATE DATABASE " + s + " DEFAULT CHARACTER SET utf8mb4",
                "CREATE TABLE " + s + ".mixed (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                        + " latin VARCHAR(40) CHARACTER SET latin1, utf VARCHAR(60) CHARACTER SET utf8mb4, bin VARBINARY(64),"
                        + " blobby LONGBLOB, doc JSON, f FLOAT, d DOUBLE, amount DECIMAL(30,10), bits BIT(10), e ENUM('a','b','c'),"
                        + " st SET('x','y','z'), dt DATETIME(6), ts TIMESTAMP(3) NULL DEFAULT NULL, dd DATE, tt TIME(2), yy YEAR,"
                        + " pt POINT, geo GEOMETRY, flag TINYINT(1), utf_length INT AS (CHAR_LENGTH(utf)) VIRTUAL,"
                        + " both_names VARCHAR(110) AS (CONCAT(latin, '/', utf)) STORED)",
                "CREATE TABLE " + s + ".audit (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, mixed_id BIGINT UNSIGNED, what VARCHAR(10))",
                "CREATE TABLE " + s + ".child (id INT PRIMARY KEY, mixed_id BIGINT UNSIGNED,"
                        + " FOREIGN KEY (mixed_id) REFERENCES " + s + ".mixed (id))",
                "CREATE TABLE " + s + ".big (id INT NOT NULL PRIMARY KEY, v VARCHAR(20), n INT, KEY by_n (n),"
                        + " KEY by_v_then_n (v(5), n))",
                "CREATE TABLE " + s + ".composite (a INT NOT NULL, b VARCHAR(10) NOT NULL, v INT, PRIMARY KEY (a, b))",
                "CREATE TABLE " + s + ".no_key (x INT, y TEXT)",
                "CREATE TRIGGER " + s + ".mixed_audit AFTER INSERT ON " + s + ".mixed FOR EACH ROW INSERT INTO " + s
                        + ".audit (mixed_id, what) VALUES (NEW.id, 'insert')",
                // Two more on the same timing and event, one ordered before it and one after, under another sql_mode in
                // which || concatenates: a copy must keep their order, their modes and their non-ASCII text.
                "SET SESSION sql_mode = 'PIPES_AS_CONCAT,ANSI_QUOTES,NO_AUTO_VALUE_ON_ZERO'",
                "CREATE TRIGGER " + s + ".mixed_tagged AFTER INSERT ON " + s + ".mixed FOR EACH ROW FOLLOWS mixed_audit"
                        + " SET @seed_tag = 'après ' || NEW.id",
                "CREATE TRIGGER " + s + ".mixed_first AFTER INSERT ON " + s + ".mixed FOR EACH ROW PRECEDES mixed_audit"
                        + " SET @seed_first = NEW.id",
                "SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO'",
                "CREATE VIEW " + s + ".mixed_names AS SELECT id, latin, utf FROM " + s + ".mixed",
                "CREATE FUNCTION " + s + ".twice (n INT) RETURNS INT DETERMINISTIC RETURN n * 2",
                "CREATE PROCEDURE " + s + ".touch () SELECT 1",
                "CREATE EVENT " + s + ".nightly ON SCHEDULE EVERY 1 DAY DISABLE DO DELETE FROM " + s + ".audit WHERE id < 0",
                // Enabled, first due in years: a seeded target must not run it while it replicates (SeedEvents), and keeps
                // its definer, another account than the seed's, when kept off there.
                "CREATE DEFINER = 'app'@'%' EVENT " + s + ".hourly ON SCHEDULE EVERY 1 HOUR STARTS '2036-01-01 00:00:00' ENABLE DO DELETE FROM " + s
                        + ".audit WHERE id < 0",
                "INSERT INTO " + s + ".mixed (id, latin, utf, bin, blobby, doc, f, d, amount, bits, e, st, dt, ts, dd, tt, yy, pt, geo, flag)"
                        + " VALUES (0, 'zéro', 'zero 😀', x'00', x'', '{\"a\": 0}', 0, 0, 0, b'0', 'a', '',"
                        + " '0000-00-00 00:00:00', NULL, '0000-00-00', '00:00:00', 0, NULL, NULL, 0),"
                        + " (1, 'Ærø ñ ß', 'Zürich 東京 😀 𝄞', x'00ff7f80', x'" + everyByte + "',"
                        + " '{\"n\": null, \"s\": \"é\\\\\"q\", \"arr\": [1, 2.5, true]}', 1.1, 0.1, 12345678901234567890.0123456789,"
                        + " b'1010101010', 'b', 'x,z', '2026-12-05 01:02:03.456789', '2026-06-01 12:00:00.123', '1999-12-31',"
                        + " '-838:59:59.00', 2155, ST_GeomFromText('POINT(1 2)'), ST_GeomFromText('POLYGON((0 0,1 0,1 1,0 0))'), 5),"
                        + " (2, NULL, 'quote '' backslash \\\\ nul \\0 crlf \\r\\n', NULL, NULL, NULL, -3.4e37, 1.7976931348623157e308,"
                        + " -0.0000000001, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, -1)",
                "INSERT INTO " + s + ".child VALUES (1, 1), (2, 0), (3, NULL)",
                "INSERT INTO " + s + ".big SELECT a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d + 100000 * g.d + 1,"
                        + " CONCAT('row ', a.d, b.d, c.d, e.d, f.d, g.d), a.d * b.d FROM " + DIGITS + " a, " + DIGITS + " b, "
                        + DIGITS + " c, " + DIGITS + " e, " + DIGITS + " f, (SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2) g",
                "INSERT INTO " + s + ".composite VALUES (1, 'a', 1), (1, 'b', 2), (2, 'a', NULL)",
                "INSERT INTO " + s + ".no_key VALUES (1, 'one'), (1, 'one'), (NULL, NULL)",
                "ANALYZE TABLE " + s + ".mixed, " + s + ".big, " + s + ".composite, " + s + ".no_key, " + s + ".audit, " + s + ".child");
    }

    /** Rows more, through the trigger too: what replication must bring after the seed. */
    public void writeMore(DatabaseServer server) throws SQLException {
        String s = name;
        execute(server, "INSERT INTO " + s + ".mixed (latin, utf, doc, pt) VALUES ('après', 'later 🚀', JSON_OBJECT('k', 'v'),"
                        + " ST_GeomFromText('POINT(3 4)'))",
                "UPDATE " + s + ".big SET v = 'changed' WHERE id IN (1, 150000, " + BIG_ROWS + ")",
                "DELETE FROM " + s + ".composite WHERE a = 2",
                "INSERT INTO " + s + ".no_key VALUES (2, 'two')");
    }

    /** {@code CHECKSUM TABLE} of every base table of the schema, by table name. */
    public Map<String, Long> checksums(DatabaseServer server) throws SQLException {
        Map<String, Long> checksums = new LinkedHashMap<>();
        for (String table : strings(server, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + name
                + "' AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME")) {
            try (Connection connection = server.connect(admin); Statement sql = connection.createStatement();
                    ResultSet row = sql.executeQuery("CHECKSUM TABLE " + name + "." + table)) {
                row.next();
                checksums.put(table, row.getLong(2));
            }
        }
        return checksums;
    }

    /** Every row of the table of every type, each column as text (binary and character values in hex), by key. */
    public List<String> mixedRows(DatabaseServer server) throws SQLException {
        return rows(server, "SELECT id, HEX(latin), HEX(utf), HEX(bin), HEX(blobby), CAST(doc AS CHAR), f, d,"
                + " amount, HEX(bits), e, st, CAST(dt AS CHAR), CAST(ts AS CHAR), CAST(dd AS CHAR), CAST(tt AS CHAR), yy,"
                + " HEX(pt), HEX(geo), flag, utf_length, HEX(both_names) FROM " + name + ".mixed ORDER BY id", true);
    }

    /** {@code SHOW CREATE TABLE} of every base table, without its next AUTO_INCREMENT value. */
    public List<String> definitions(DatabaseServer server) throws SQLException {
        List<String> definitions = new ArrayList<>();
        for (String table : checksums(server).keySet()) {
            try (Connection connection = server.connect(admin); Statement sql = connection.createStatement();
                    ResultSet row = sql.executeQuery("SHOW CREATE TABLE " + name + "." + table)) {
                row.next();
                definitions.add(row.getString(2).replaceAll(" AUTO_INCREMENT=\\d+", ""));
            }
        }
        return definitions;
    }

    /**
     * The schema's views, triggers, routines and events, each as its kind, name and what defines it (text, order, definer,
     * {@code sql_mode}, character sets; an event's status is {@link #eventStatuses}'), columns joined by {@code |}, sorted.
     */
    public List<String> objects(DatabaseServer server) throws SQLException {
        String in = " = '" + name + "'";
        List<String> objects = new ArrayList<>();
        objects.addAll(rows(server, "SELECT 'VIEW', TABLE_NAME, VIEW_DEFINITION, CHECK_OPTION, IS_UPDATABLE, DEFINER, SECURITY_TYPE,"
                + " CHARACTER_SET_CLIENT, COLLATION_CONNECTION FROM information_schema.VIEWS WHERE TABLE_SCHEMA" + in, false));
        objects.addAll(rows(server, "SELECT 'TRIGGER', TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION,"
                + " ACTION_ORDER, ACTION_STATEMENT, SQL_MODE, DEFINER, CHARACTER_SET_CLIENT, COLLATION_CONNECTION, DATABASE_COLLATION"
                + " FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA" + in, false));
        objects.addAll(rows(server, "SELECT ROUTINE_TYPE, ROUTINE_NAME, ROUTINE_DEFINITION, IS_DETERMINISTIC, SQL_DATA_ACCESS,"
                + " SECURITY_TYPE, SQL_MODE, DEFINER, CHARACTER_SET_CLIENT, COLLATION_CONNECTION, DATABASE_COLLATION"
                + " FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA" + in, false));
        objects.addAll(rows(server, "SELECT 'EVENT', EVENT_NAME, EVENT_DEFINITION, INTERVAL_VALUE, INTERVAL_FIELD, STARTS,"
                + " ON_COMPLETION, SQL_MODE, DEFINER, CHARACTER_SET_CLIENT, COLLATION_CONNECTION, DATABASE_COLLATION"
                + " FROM information_schema.EVENTS WHERE EVENT_SCHEMA" + in, false));
        objects.sort(null);
        return objects;
    }

    /**
     * Each event's status, as {@code name STATUS}; a replica's {@code SLAVESIDE_DISABLED} (MySQL 8.0.22+:
     * {@code REPLICA_SIDE_DISABLED}) as {@code DISABLED ON REPLICA}.
     */
    public List<String> eventStatuses(DatabaseServer server) throws SQLException {
        return strings(server, "SELECT CONCAT(EVENT_NAME, ' ', CASE WHEN STATUS IN ('SLAVESIDE_DISABLED', 'REPLICA_SIDE_DISABLED')"
                + " THEN 'DISABLED ON REPLICA' ELSE STATUS END) FROM information_schema.EVENTS WHERE EVENT_SCHEMA = '" + name
                + "' ORDER BY EVENT_NAME");
    }

    /** Every row of {@code query}, its columns joined by {@code |}, each after its label when {@code labelled}. */
    private List<String> rows(DatabaseServer server, String query, boolean labelled) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = server.connect(admin); Statement sql = connection.createStatement();
                ResultSet row = sql.executeQuery(query)) {
            int columns = row.getMetaData().getColumnCount();
            while (row.next()) {
                StringBuilder line = new StringBuilder();
                for (int column = 1; column <= columns; column++) {
                    line.append(column == 1 ? "" : " | ")
                            .append(labelled ? row.getMetaData().getColumnLabel(column) + "=" : "").append(row.getString(column));
                }
                rows.add(line.toString());
            }
        }
        return rows;
    }

    /** Rows of every base table, by the server's count. */
    public long rows(DatabaseServer server) throws SQLException {
        long rows = 0;
        for (String table : checksums(server).keySet()) {
            rows += Long.parseLong(strings(server, "SELECT COUNT(*) FROM " + name + "." + table).get(0));
        }
        return rows;
    }

    private List<String> strings(DatabaseServer server, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = server.connect(admin); Statement sql = connection.createStatement();
                ResultSet row = sql.executeQuery(query)) {
            while (row.next()) {
                values.add(row.getString(1));
            }
        }
        return values;
    }

    private void execute(DatabaseServer server, String... statements) throws SQLException {
        try (Connection connection = server.connect(admin); Statement sql = connection.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }
}
