package io.handoff.cutover.cluster;

import io.handoff.common.sql.ReplicaStatusColumns;
import io.handoff.common.sql.SqlDialect;
import io.handoff.common.sql.SqlStatement;

/**
 * The few reads the steps need that {@link SqlDialect} does not offer yet. Each is the same on every
 * MySQL-compatible flavor (MySQL 8, MariaDB, Aurora MySQL), so nothing here depends on the flavor;
 * they belong in the dialect and should move there ({@code SqlDialect#readOnlyState()},
 * {@code SqlDialect#connectionId()}, {@code ReplicaStatusColumns#sourcePort()}).
 */
public final class PortableSql {

    private PortableSql() {
    }

    /** {@code SELECT CONNECTION_ID()}: the server's id of this session. */
    static SqlStatement connectionId() {
        return SqlStatement.of("SELECT CONNECTION_ID()");
    }

    /**
     * {@code SELECT @@GLOBAL.read_only}: 1 when the server refuses writes of accounts without the
     * read-only bypass privilege. (On MySQL 8 {@code super_read_only} is set alongside by the dialect;
     * this reads the switch every flavor has.)
     */
    static SqlStatement readOnlyState() {
        return SqlStatement.of("SELECT @@GLOBAL.read_only");
    }

    /**
     * The replica status column holding the source's port: {@code Master_Port} next to
     * {@code Master_Host} (MariaDB), {@code Source_Port} next to {@code Source_Host} (MySQL 8).
     */
    static String sourcePortColumn(ReplicaStatusColumns columns) {
        return columns.sourceHost().replace("Host", "Port");
    }
}
