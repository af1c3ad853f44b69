package io.handoff.common.sql;

/**
 * Names of the columns of a flavor's replica status result ({@link SqlDialect#replicaStatus()}) that
 * handoff reads: MariaDB says "Slave" and "Master", MySQL 8 "Replica" and "Source".
 *
 * @param ioRunning     whether the I/O (receiver) thread runs: {@code Yes}, {@code No}, {@code Connecting}
 * @param sqlRunning    whether the SQL (applier) thread runs: {@code Yes} or {@code No}
 * @param secondsBehind seconds behind the source, {@code NULL} when not replicating
 * @param lastIoError   last receiver error text
 * @param lastSqlError  last applier error text
 * @param sourceHost    host replicated from
 */
public record ReplicaStatusColumns(
        String ioRunning, String sqlRunning, String secondsBehind, String lastIoError, String lastSqlError, String sourceHost) {

    /** The MariaDB names (also what its {@code SHOW REPLICA STATUS} returns). */
    public static final ReplicaStatusColumns MARIADB = new ReplicaStatusColumns(
            "Slave_IO_Running", "Slave_SQL_Running", "Seconds_Behind_Master", "Last_IO_Error", "Last_SQL_Error", "Master_Host");

    /** The MySQL 8.0.22+ names, Aurora MySQL 3 included. */
    public static final ReplicaStatusColumns MYSQL_8 = new ReplicaStatusColumns(
            "Replica_IO_Running", "Replica_SQL_Running", "Seconds_Behind_Source", "Last_IO_Error", "Last_SQL_Error", "Source_Host");
}
