package io.handoff.monitor.verify;

import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.event.DriftKind;
import io.handoff.common.sql.SqlStatement;
import io.handoff.monitor.verify.TableShape.Column;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * One run of VERIFY: compares every table of the chosen schemas between source and target (see
 * {@link TableVerifier} for how one table is compared) and reports what it checked and found.
 * Read-only on both servers. A table only on one side, or with other columns on the target, is one
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
        try (VerifyConnection sourceDb = connect(source); VerifyConnection targetDb = connect(target)) {
            progress.schemas.addAll(schemas.isEmpty() ? TableCatalog.defaultSchemas(sourceDb) : existing(sourceDb, schemas));
            TableVerifier verifier = new TableVerifier(sourceDb, targetDb, config, stopAt, progress);
            for (String schema : progress.schemas) {
                verifySchema(sourceDb, targetDb, schema, verifier, progress);
            }
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
            long rowsBefore = progress.rows;
            long chunksBefore = progress.chunks;
            long driftBefore = progress.drift;
            verifier.verify(shape);
            progress.tables++;
            LOG.debugf("verified %s on key %s: %d rows in %d chunks, %d differences", shape.qualifiedName(),
                    shape.key().columns(), progress.rows - rowsBefore, progress.chunks - chunksBefore,
                    progress.drift - driftBefore);
        }
    }
}
