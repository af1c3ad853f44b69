package io.handoff.verify;

import io.handoff.common.sql.SqlStatement;
import io.handoff.verify.TableShape.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The read-only SQL of VERIFY, for MySQL and MariaDB alike. Rows never travel for a checksum: the
 * server computes, per chunk, {@code COUNT(*)} and {@code BIT_XOR} of each row's {@code CRC32}, as
 * pt-table-checksum does, one {@code CRC32} per row; for a table without a chunk key also their
 * {@code SUM} (there two equal rows may be duplicates, whose CRCs cancel out in the XOR). Only the
 * per-row hashes ({@code SHA2(..., 256)}) of the small ranges a differing chunk is narrowed to are read. (Not {@code MD5}:
 * MySQL 9.7 answers {@code MD5()} and {@code SHA1()} with "No database selected", as calls of unknown
 * stored functions; {@code SHA2} and {@code CRC32} are built in on every supported server.)
 *
 * <p>A row's image is {@code CONCAT_WS('#', c1, ..., cn, CONCAT(ISNULL(c1), ..., ISNULL(cn)))}, as
 * pt-table-checksum builds it: the NULL markers tell a NULL from an empty string. Character columns
 * are converted to utf8mb4, so that a target with another character set compares equal for equal
 * text. Sessions run with {@code time_zone='+00:00'} so that {@code TIMESTAMP}s read alike.
 *
 * <p>Key ranges are written as expanded comparisons ({@code a > ? OR (a = ? AND b > ?)}), which every
 * supported server turns into index ranges, also for composite keys.
 */
public final class ChunkSql {

    private ChunkSql() {
    }

    /** {@code name} as a quoted identifier. */
    public static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /** The row image of {@code table} (see the class comment). */
    static String rowImage(TableShape table) {
        List<String> parts = new ArrayList<>();
        for (Column column : table.columns()) {
            parts.add(column.textual() ? "CONVERT(" + quote(column.name()) + " USING utf8mb4)" : quote(column.name()));
        }
        parts.add("CONCAT(" + table.columns().stream().map(c -> "ISNULL(" + quote(c.name()) + ")")
                .collect(Collectors.joining(", ")) + ")");
        return "CONCAT_WS('#', " + String.join(", ", parts) + ")";
    }

    /**
     * The {@code n}-th key after {@code lowerExclusive} ({@code null}: from the first): one row with
     * the key columns, or none when fewer than {@code n} keys follow.
     */
    public static SqlStatement nthKey(TableShape table, List<Object> lowerExclusive, int n) {
        return nthKeyWithin(table, new ChunkRange(lowerExclusive, null), n);
    }

    /**
     * The {@code n}-th key of {@code range} (from its lower bound): one row with the key columns, or
     * none when the range has fewer than {@code n} keys.
     */
    public static SqlStatement nthKeyWithin(TableShape table, ChunkRange range, int n) {
        requireKey(table);
        List<Object> params = new ArrayList<>();
        String where = where(table, range, params);
        params.add(n - 1);
        return new SqlStatement("SELECT " + keyList(table) + " FROM " + table.quotedName() + forceIndex(table) + where
                + " ORDER BY " + keyList(table) + " LIMIT 1 OFFSET ?", params, List.of());
    }

    /** One row: the smallest and the largest value of a one-column chunk key (both {@code NULL} for an empty table). */
    public static SqlStatement keyBounds(TableShape table) {
        requireKey(table);
        if (table.key().columns().size() != 1) {
            throw new IllegalArgumentException(table.qualifiedName() + " has a composite chunk key");
        }
        String key = quote(table.key().columns().get(0));
        return new SqlStatement("SELECT MIN(" + key + "), MAX(" + key + ") FROM " + table.quotedName() + forceIndex(table),
                List.of(), List.of());
    }

    /**
     * One row: {@code COUNT(*)} and {@code BIT_XOR} of the rows' CRC32 in {@code range}; for a table
     * without a chunk key also their {@code SUM}.
     */
    public static SqlStatement checksum(TableShape table, ChunkRange range) {
        String crc = "CRC32(" + rowImage(table) + ")";
        List<Object> params = new ArrayList<>();
        String where = where(table, range, params);
        String sum = table.wholeTable() ? ", COALESCE(SUM(" + crc + "), 0)" : "";
        return new SqlStatement("SELECT COUNT(*), COALESCE(BIT_XOR(" + crc + "), 0)" + sum + " FROM "
                + table.quotedName() + forceIndex(table) + where, params, List.of());
    }

    /**
     * One row per row of {@code range}: its key columns (for a table without a chunk key, every
     * column), then the SHA-256 of its image (hex) as the last column.
     */
    public static SqlStatement rowHashes(TableShape table, ChunkRange range) {
        List<Object> params = new ArrayList<>();
        String where = where(table, range, params);
        String columns = table.wholeTable()
                ? table.columns().stream().map(c -> quote(c.name())).collect(Collectors.joining(", "))
                : keyList(table);
        return new SqlStatement("SELECT " + columns + ", SHA2(" + rowImage(table) + ", 256) FROM " + table.quotedName()
                + forceIndex(table) + where, params, List.of());
    }

    private static String where(TableShape table, ChunkRange range, List<Object> params) {
        if (table.wholeTable()) {
            if (range.lowerExclusive() != null || range.upperInclusive() != null) {
                throw new IllegalArgumentException(table.qualifiedName() + " has no chunk key: it has only the whole-table range");
            }
            return "";
        }
        List<String> conditions = new ArrayList<>();
        if (range.lowerExclusive() != null) {
            conditions.add("(" + after(table.key().columns(), range.lowerExclusive(), params) + ")");
        }
        if (range.upperInclusive() != null) {
            conditions.add("(" + upTo(table.key().columns(), range.upperInclusive(), params) + ")");
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** {@code key > values}, expanded. */
    static String after(List<String> key, List<Object> values, List<Object> params) {
        return compare(key, values, ">", ">", params);
    }

    /** {@code key <= values}, expanded. */
    static String upTo(List<String> key, List<Object> values, List<Object> params) {
        return compare(key, values, "<", "<=", params);
    }

    private static String compare(List<String> key, List<Object> values, String strict, String last, List<Object> params) {
        if (values.size() != key.size()) {
            throw new IllegalArgumentException("key " + key + " has " + key.size() + " columns, bound has " + values.size());
        }
        List<String> alternatives = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            List<String> terms = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                terms.add(quote(key.get(j)) + " = ?");
                params.add(values.get(j));
            }
            terms.add(quote(key.get(i)) + " " + (i == key.size() - 1 ? last : strict) + " ?");
            params.add(values.get(i));
            alternatives.add(terms.size() == 1 ? terms.get(0) : "(" + String.join(" AND ", terms) + ")");
        }
        return String.join(" OR ", alternatives);
    }

    private static String keyList(TableShape table) {
        return table.key().columns().stream().map(ChunkSql::quote).collect(Collectors.joining(", "));
    }

    private static String forceIndex(TableShape table) {
        return table.wholeTable() ? "" : " FORCE INDEX (" + quote(table.key().index()) + ")";
    }

    private static void requireKey(TableShape table) {
        if (table.wholeTable()) {
            throw new IllegalArgumentException(table.qualifiedName() + " has no chunk key");
        }
    }
}
