package io.handoff.localstack;

import io.handoff.localstack.db.DatabaseServer;
import io.handoff.localstack.mariadb.DbAccount;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One cluster of the services' registry as configuration properties ({@code handoff.clusters.NAME.*}): where its server
 * listens, its flavour as the registry names it ({@code mariadb}, {@code mysql8}, {@code aurora-mysql}), the
 * administrative account the services log in with and the account replicas use. The stack registers its two servers
 * this way; tests register the same servers under other names (another account, another flavour).
 */
public final class ClusterRegistration {

    private ClusterRegistration() {
    }

    /** The properties that register {@code name}. */
    public static Map<String, String> of(String name, String host, int port, String flavor, DbAccount admin,
            DbAccount replication) {
        String prefix = "handoff.clusters." + name + ".";
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(prefix + "host", host);
        properties.put(prefix + "port", Integer.toString(port));
        properties.put(prefix + "flavor", flavor);
        properties.put(prefix + "user", admin.user());
        properties.put(prefix + "password", admin.password());
        properties.put(prefix + "replication-user", replication.user());
        properties.put(prefix + "replication-password", replication.password());
        return properties;
    }

    /** The properties that register {@code server} of {@code stack} as {@code name}, administered by {@code admin}. */
    public static Map<String, String> of(String name, DatabaseServer server, String flavor, DbAccount admin, LocalStack stack) {
        return of(name, server.host(), server.port(), flavor, admin, stack.accounts().repl());
    }
}
