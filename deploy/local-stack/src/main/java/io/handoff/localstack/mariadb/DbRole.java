package io.handoff.localstack.mariadb;

/** The two servers of the local stack: the on-premises master and the "Aurora" target. */
public enum DbRole {
    /** server_id 1, binlog in ROW format, GTID strict mode: the current master. */
    SOURCE(1, false),
    /** server_id 2, binlog with log_slave_updates: the new master, replicating from the source first. */
    TARGET(2, true);

    private final int serverId;
    private final boolean logReplicaUpdates;

    DbRole(int serverId, boolean logReplicaUpdates) {
        this.serverId = serverId;
        this.logReplicaUpdates = logReplicaUpdates;
    }

    public int serverId() {
        return serverId;
    }

    public boolean logReplicaUpdates() {
        return logReplicaUpdates;
    }

    /** Lower-case name, as the cluster registry names it. */
    public String clusterName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
