package io.handoff.localstack.mariadb;

import io.handoff.common.sql.ServerVersion;
import io.handoff.common.sql.SqlDialect;
import io.handoff.common.sql.SqlStatement;
import io.handoff.localstack.db.StackFlavor;
import java.util.List;

/**
 * What seeding a replica by dump, and forgetting it again, differs in between the two families of servers
 * the stack runs; everything else {@link LocalReplication} does is the flavour's {@link SqlDialect}. The
 * production counterpart is the cutover service's {@code DumpFormat}.
 */
enum DumpFamily {
    /**
     * {@code mariadb-dump --gtid --master-data=2} comments the snapshot's {@code gtid_slave_pos}; the dialect's
     * {@code changeSource} sets it on the replica. Its replica keeps that position after {@code RESET MASTER}.
     */
    MARIADB(List.of("--gtid", "--master-data=2")) {
        @Override
        List<SqlStatement> recordLoaded(SqlDialect sql, String position) {
            return List.of();
        }

        @Override
        List<SqlStatement> forgetGtids(SqlDialect sql, ServerVersion version) {
            return List.of(sql.resetBinlogAndGtids(version), SqlStatement.of("SET GLOBAL gtid_slave_pos=''"));
        }
    },
    /**
     * {@code mysqldump --source-data=2 --set-gtid-purged=COMMENTED} comments the snapshot's GTID set instead of
     * setting it, so that a target holding GTIDs of its own still loads it; after the load the set is added to
     * the target's {@code gtid_purged}, and auto-positioning starts after it.
     */
    MYSQL(List.of("--source-data=2", "--set-gtid-purged=COMMENTED")) {
        @Override
        List<SqlStatement> recordLoaded(SqlDialect sql, String position) {
            return List.of(sql.addPurgedGtids(position));
        }

        @Override
        List<SqlStatement> forgetGtids(SqlDialect sql, ServerVersion version) {
            return List.of(sql.resetBinlogAndGtids(version));
        }
    };

    private final List<String> positionOptions;

    DumpFamily(List<String> positionOptions) {
        this.positionOptions = positionOptions;
    }

    /** The family of {@code flavor}: Oracle MySQL, plain or Aurora-like, or MariaDB. */
    static DumpFamily of(StackFlavor flavor) {
        return flavor.isMySql() ? MYSQL : MARIADB;
    }

    /** The dump program's options that make it write the snapshot's GTID position as a comment. */
    List<String> positionOptions() {
        return positionOptions;
    }

    /** What makes the target count the loaded snapshot's {@code position} as applied, run after the load. */
    abstract List<SqlStatement> recordLoaded(SqlDialect sql, String position);

    /** Empties the server's binlog and every GTID history it keeps (replication must be stopped). */
    abstract List<SqlStatement> forgetGtids(SqlDialect sql, ServerVersion version);
}
