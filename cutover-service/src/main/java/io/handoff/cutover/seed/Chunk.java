package io.handoff.cutover.seed;

import io.handoff.cutover.cluster.PortableSql;

/**
 * A part of one table that a {@link ParallelSeed} worker copies at once: the rows whose integer key is in
 * {@code [from, to)}, an absent bound being open; or the whole table when it has no integer key.
 *
 * @param table the table
 * @param from  the first key of the range, inclusive; {@code null}: from the start
 * @param to    the key after the range, exclusive; {@code null}: to the end
 */
record Chunk(SeedTable table, Long from, Long to) {

    /** The whole of {@code table}. */
    static Chunk whole(SeedTable table) {
        return new Chunk(table, null, null);
    }

    /** The {@code SELECT} that reads the chunk's rows on the source. */
    String select() {
        return "SELECT " + table.selectList() + " FROM " + table.qualified() + where();
    }

    /** A query that returns a row when the chunk's range holds any row. */
    String anyRow() {
        return "SELECT 1 FROM " + table.qualified() + where() + " LIMIT 1";
    }

    /** The {@code DELETE} that removes the chunk's rows, before the chunk is copied again. */
    String delete() {
        return "DELETE FROM " + table.qualified() + where();
    }

    /**
     * The chunk's row count and a checksum of its rows ({@code BIT_XOR} of each row's {@code CRC32} over its values as
     * stored, a NULL marked apart from any value), the same on two servers of one flavour that hold the same rows.
     */
    String checksum() {
        String values = table.columns().stream().map(column -> PortableSql.identifier(column.name()))
                .map(column -> "ISNULL(" + column + "), CAST(" + column + " AS BINARY)")
                .collect(java.util.stream.Collectors.joining(", "));
        return "SELECT COUNT(*), COALESCE(BIT_XOR(CRC32(CONCAT_WS('|', " + values + "))), 0) FROM " + table.qualified() + where();
    }

    /** {@code " WHERE key >= from AND key < to"} for a range, nothing for a whole table. */
    private String where() {
        if (table.integerKey().isEmpty() || from == null && to == null) {
            return "";
        }
        String key = PortableSql.identifier(table.integerKey().get());
        StringBuilder sql = new StringBuilder(" WHERE ");
        if (from != null) {
            sql.append(key).append(" >= ").append(from);
        }
        if (to != null) {
            sql.append(from != null ? " AND " : "").append(key).append(" < ").append(to);
        }
        return sql.toString();
    }

    @Override
    public String toString() {
        return table + (from == null && to == null ? "" : "[" + (from == null ? "" : from) + ", " + (to == null ? "" : to) + ")");
    }
}
