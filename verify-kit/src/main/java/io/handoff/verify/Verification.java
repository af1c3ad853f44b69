package io.handoff.verify;

import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.event.DriftKind;
import io.handoff.common.sql.SqlStatement;
import io.handoff.verify.TableShape.Column;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * One run of VERIFY: compares every table of the chosen schemas between source and target (see
 * {@link TableVerifier} for how one table is compared) and reports what it checked and found.
 * Read-only on both servers: one connection to each for the catalog and chunk boundaries, and one
 * pair per chunk checked at once ({@code parallel-chunks}). A table only on one side, or with other columns on the target, is one
 * whole-table difference and its rows are not compared.
 */
public final class Verification {
    private static final Logger LOG = Logger.getLogger(Verification.class);

    private final VerifyConfig config;

    public Verification(VerifyConfig config) {
        this.config = config;
    }

    /** What a run produced: its report, or the failure that stopped it with the report of what it had done. */
    public record Outcome(VerifyReport report, VerifyException failure) {
    }

    /**
     * Compares {@code schemas} (all but the servers' own and the monitor's when empty) of
     * {@code source} and {@code target}. Never throws for a server's failure: the outcome carries it.
     */
    public Outcome run(ClusterSpec source, ClusterSpec target, List<String> schemas) {
        long start = System.nanoTime();
        Instant stopAt = Instant.now().plus(config.maxDuration());
        VerifyProgress progress = new VerifyProgress(config.maxNamedDifferences());
        try (VerifyConnection sourceDb = connect(source); VerifyConnection targetDb = connect(target);
                TableVerifier verifier = new TableVerifier(sourceDb, pairs(source, target), config, stopAt, progress)) {
            progress.schemas.addAll(schemas.isEmpty() ? TableCatalog.defaultSchemas(sourceDb) : existing(sourceDb, schemas));
            for (String schema : progress.schemas) {
                verifySchema(sourceDb, targetDb, schema, verifier, progress);
            }
            verifier.finish();
            return new Outcome(progress.report(System.nanoTime() - start), null);
        } catch (VerifyException e) {
            return new Outcome(progress.report(System.nanoTime() - start), e);
        } catch (SQLException e) {
            boolean refused = e.getSQLState() != null && (e.getSQLState().startsWith("28") || e.getSQLState().startsWith("42"));
            return new Outcome(progress.report(System.nanoTime() - start),
                    new VerifyException("VERIFY stopped by the server: " + e.getMessage(), !refused, e));
        }
    }

    private VerifyConnection connect(ClusterSpec cluster) throws VerifyException {
        try {
            return VerifyConnection.open(cluster, config);
        } catch (SQLException e) {
            boolean refused = e.getSQLState() != null && e.getSQLState().startsWith("28");
            throw new VerifyException("cannot connect to " + cluster.name() + ": " + e.getMessage(), !refused, e);
        }
    }

    /** One pair of connections per chunk checked at once; none stays open when one cannot be opened. */
    private List<TableVerifier.Pair> pairs(ClusterSpec source, ClusterSpec target) throws VerifyException {
        List<TableVerifier.Pair> pairs = new ArrayList<>();
        try {
            for (int i = 0; i < Math.max(1, config.parallelChunks()); i++) {
                VerifyConnection sourceDb = connect(source);
                try {
                    pairs.add(new TableVerifier.Pair(sourceDb, connect(target)));
                } catch (VerifyException e) {
                    sourceDb.close();
                    throw e;
                }
            }
            return pairs;
        } catch (VerifyException e) {
            pairs.forEach(pair -> {
                pair.source().close();
                pair.target().close();
            });
            throw e;
        }
    }

    private static List<String> existing(VerifyConnection source, List<String> schemas) throws SQLException, VerifyException {
        for (String schema : schemas) {
            if (source.first(SqlStatement.of("SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", schema)).isEmpty()) {
                throw new VerifyException("schema '" + schema + "' does not exist on " + source.cluster().name(), false, null);
            }
        }
        return schemas;
    }

    private void verifySchema(VerifyConnection source, VerifyConnection target, String schema, TableVerifier verifier,
            VerifyProgress progress) throws SQLException, VerifyException {
        List<String> sourceTables = TableCatalog.tables(source, schema);
        Set<String> targetTables = new HashSet<>(TableCatalog.tables(target, schema));
        for (String table : TableCatalog.tables(target, schema)) {
            if (!sourceTables.contains(table)) {
                progress.found(Difference.table(schema + "." + table, DriftKind.EXTRA, "table only on the target"));
            }
        }
        for (String table : sourceTables) {
            if (!targetTables.contains(table)) {
                progress.found(Difference.table(schema + "." + table, DriftKind.MISSING, "table not on the target"));
                continue;
            }
            TableShape shape = TableCatalog.shape(source, schema, table);
            List<Column> targetColumns = TableCatalog.columns(target, schema, table);
            if (!shape.columns().equals(targetColumns)) {
                progress.found(Difference.table(shape.qualifiedName(), DriftKind.DIFFERENT,
                        "columns differ: source " + shape.columns() + ", target " + targetColumns));
                continue;
            }
            if (shape.wholeTable()) {
                progress.wholeTables.add(shape.qualifiedName());
            }
            verifier.verify(shape);
            progress.tables++;
            LOG.debugf("cut %s into chunks on key %s", shape.qualifiedName(), shape.key().columns());
        }
    }
}
