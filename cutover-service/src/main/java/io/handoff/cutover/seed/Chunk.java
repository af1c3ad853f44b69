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
        StringBuilder sql = new StringBuilder("SELECT ").append(table.selectList()).append(" FROM ").append(table.qualified());
        if (table.integerKey().isPresent() && (from != null || to != null)) {
            String key = PortableSql.identifier(table.integerKey().get());
            sql.append(" WHERE ");
            if (from != null) {
                sql.append(key).append(" >= ").append(from);
            }
            if (to != null) {
                sql.append(from != null ? " AND " : "").append(key).append(" < ").append(to);
            }
        }
        return sql.toString();
    }

    @Override
    public String toString() {
        return table + (from == null && to == null ? "" : "[" + (from == null ? "" : from) + ", " + (to == null ? "" : to) + ")");
    }
}
