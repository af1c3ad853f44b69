package io.handoff.localstack.mariadb;

/** The two servers of the local stack: the on-premises master and the "Aurora" target. */
public enum DbRole {
    /**
     * server_id 1, binlog in ROW format, GTID strict mode: the current master. It logs replicated
     * events too: after a flip it replicates from the target, and a flip back must find the target's
     * transactions in its binlog (its GTID position) to start the target replicating from it.
     */
    SOURCE(1, true, "127.0.0.2"),
    /** server_id 2, binlog with log_slave_updates: the new master, replicating from the source first. */
    TARGET(2, true, "127.0.0.3");

    private final int serverId;
    private final boolean logReplicaUpdates;
    private final String host;

    DbRole(int serverId, boolean logReplicaUpdates, String host) {
        this.serverId = serverId;
        this.logReplicaUpdates = logReplicaUpdates;
        this.host = host;
    }

    /**
     * The loopback address the server listens on. Each server has its own address and both share one
     * port, like two database hosts on 3306, so that a DNS record (A 127.0.0.2 or A 127.0.0.3) alone
     * decides which server a client reaches.
     */
    public String host() {
        return host;
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
