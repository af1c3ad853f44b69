package io.handoff.cutover.seed;

import io.handoff.common.sql.SqlDialect;
import io.handoff.common.sql.DumpHeader;
import io.handoff.cutover.cluster.ClusterSession;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * MariaDB's dump: {@code --master-data=2 --gtid} writes {@code -- SET GLOBAL gtid_slave_pos='...'} (last,
 * after the data, from MariaDB 11; first before). The target needs nothing around the load: START_REPLICATION
 * makes that position its {@code gtid_slave_pos}.
 */
final class MariaDbDumpFormat implements DumpFormat {
    static final MariaDbDumpFormat INSTANCE = new MariaDbDumpFormat();

    private MariaDbDumpFormat() {
    }

    @Override
    public List<String> positionOptions() {
        return List.of("--master-data=2", "--gtid");
    }

    @Override
    public List<String> withoutPositionOptions() {
        return List.of();
    }

    @Override
    public String positionQuery() {
        return "SELECT @@GLOBAL.gtid_binlog_pos";
    }

    @Override
    public List<String> loginOptions() {
        return List.of();
    }

    @Override
    public Optional<String> position(String head, String tail) {
        return DumpHeader.mariaDbPosition(tail).or(() -> DumpHeader.mariaDbPosition(head));
    }

    @Override
    public String whyNot(SqlDialect target) {
        return "a MariaDB source cannot seed a " + target.flavor() + " target: MySQL does not replicate from MariaDB"
                + " (MariaDB's GTID and relay-log events stop a MySQL replica), and MariaDB's GTID position means nothing"
                + " to a MySQL server";
    }

    @Override
    public Load checkTarget(ClusterSession source, ClusterSession target, Collection<String> schemas) {
        // The loader's own SET sql_log_bin=0 refuses an account that may not set it, before any statement of the dump.
        return Load.UNLOGGED;
    }

    @Override
    public String completeTarget(ClusterSession source, ClusterSession target, String position, Load load) {
        // START_REPLICATION sets gtid_slave_pos to the position.
        return "";
    }
}
