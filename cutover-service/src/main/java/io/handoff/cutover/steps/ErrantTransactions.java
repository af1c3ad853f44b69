package io.handoff.cutover.steps;

import io.handoff.common.sql.GtidSets;
import io.handoff.cutover.cluster.ClusterSession;
import io.handoff.cutover.cluster.PortableSql;
import java.sql.SQLException;

/**
 * The transactions one server logged that another never had (errant transactions), read from both servers' binlog
 * GTID state ({@link io.handoff.common.sql.SqlDialect#binlogGtidState()}): on MariaDB every {@code domain-server-seq}
 * of the holder's {@code gtid_binlog_state} that the reference has neither logged nor applied as a replica
 * ({@code gtid_slave_pos}) up to ({@link PrecheckRules#mariaDbErrant});
 * on MySQL and Aurora {@code GTID_SUBTRACT(holder's gtid_executed, reference's)}, computed on the reference.
 */
final class ErrantTransactions {
    private ErrantTransactions() {
    }

    /** What {@code holder} logged and {@code reference} lacks, in the flavor's GTID text; empty when nothing. */
    static String of(ClusterSession holder, ClusterSession reference) throws SQLException {
        String held = GtidSets.normalize(holder.queryString(holder.dialect().binlogGtidState()).orElse(""));
        String known = GtidSets.normalize(reference.queryString(reference.dialect().binlogGtidState()).orElse(""));
        if (held.isBlank()) {
            return "";
        }
        if (holder.dialect().domainGtids()) {
            // What the reference applied as a replica is in its binlog only with log_slave_updates; its gtid_slave_pos
            // holds the last GTID it applied per domain, whatever it logs.
            String applied = GtidSets.normalize(reference.queryString(reference.dialect().executedGtidPosition()).orElse(""));
            return String.join(",", PrecheckRules.mariaDbErrant(held, known + "," + applied));
        }
        return subtract(reference, held, known);
    }

    /** MySQL and Aurora: {@code GTID_SUBTRACT(set, minus)} computed on {@code on}, normalized; empty when nothing. */
    static String subtract(ClusterSession on, String set, String minus) throws SQLException {
        return on.queryString(PortableSql.gtidSubtract(set, minus)).map(GtidSets::normalize).orElse("");
    }
}
