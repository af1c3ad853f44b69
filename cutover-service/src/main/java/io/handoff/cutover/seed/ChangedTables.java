package io.handoff.cutover.seed;

import io.handoff.cutover.cluster.PortableSql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tables whose definitions changed on the source between two attempts of a seed (altered, created or dropped there:
 * {@link SeedDefinitions}), which the next attempt copies anew while every other table's chunks go on.
 *
 * <p>Such DDL lies before the next attempt's snapshot, so replication from its position would never bring it; a table's
 * definition and rows are the seed's to bring. Each such table is dropped on the target, created again as the source has
 * it now ({@code SHOW CREATE TABLE}), its plain secondary indexes deferred as a fresh seed defers them
 * ({@link DeferredIndexes}), and its chunks planned on the new snapshot; the ledger forgets its old chunks and records the
 * new ones with the source's definitions now, in one transaction. Cut half-way, the next attempt finds the ledger's
 * definitions still the old ones and does it again. A view, routine or event changed in between is not handled so: the
 * seed starts over ({@link ParallelSeed}).
 */
final class ChangedTables {
    private ChangedTables() {
    }

    /**
     * The tables among the objects that differ between the definitions an earlier attempt recorded and those now; empty
     * when another kind of object differs too (or nothing at all: an empty list in the optional).
     */
    static Optional<List<SeedDefinitions.Definition>> only(List<SeedDefinitions.Definition> earlier,
            List<SeedDefinitions.Definition> now) {
        List<SeedDefinitions.Definition> differing = SeedDefinitions.differing(earlier, now);
        return differing.stream().allMatch(definition -> "TABLE".equals(definition.kind())) ? Optional.of(differing)
                : Optional.empty();
    }

    /**
     * Copies {@code tables} anew (see the class): on {@code target}, a session of the seed's that does not binlog and
     * checks no foreign key; {@code snapshot}, a session in the new snapshot of the source; {@code onSource}, the source's
     * tables by {@code schema.name}. Returns the chunks to copy, none done, recorded in the ledger of {@code seed}.
     */
    static List<Chunk> copyAnew(Connection target, Connection snapshot, String seed, List<SeedDefinitions.Definition> tables,
            Map<String, SeedTable> onSource, List<SeedDefinitions.Definition> now, long chunkRows, long chunkBytes)
            throws SQLException {
        List<SeedTable> created = new ArrayList<>();
        List<String[]> names = new ArrayList<>();
        try (Statement sql = target.createStatement(); Statement source = snapshot.createStatement()) {
            for (SeedDefinitions.Definition table : tables) {
                names.add(new String[] {table.schema(), table.name()});
                sql.execute(table.drop());
                SeedTable copy = onSource.get(table.schema() + "." + table.name());
                if (copy == null) {
                    continue;
                }
                try (ResultSet definition = source.executeQuery("SHOW CREATE TABLE " + copy.qualified())) {
                    if (!definition.next()) {
                        throw new SQLException("SHOW CREATE TABLE " + copy.qualified() + " returned nothing");
                    }
                    // SHOW CREATE TABLE names the table without its schema.
                    sql.execute("USE " + PortableSql.identifier(copy.schema()));
                    sql.execute(definition.getString(2));
                }
                created.add(copy);
            }
        }
        List<DeferredIndexes.Index> deferred = DeferredIndexes.of(target, created);
        List<Chunk> chunks = new ArrayList<>();
        for (SeedTable table : created) {
            chunks.addAll(ChunkPlan.of(table, snapshot, chunkRows, chunkBytes));
        }
        // Recorded before they are dropped, as a fresh seed does: a resumed one adds back those the target lacks.
        SeedLedger.startOver(target, seed, names, chunks, deferred, now);
        DeferredIndexes.drop(target, deferred);
        target.commit();
        return chunks;
    }
}
