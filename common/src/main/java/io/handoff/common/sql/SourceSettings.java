package io.handoff.common.sql;

import io.handoff.common.Require;
import io.handoff.common.cluster.Secret;

/** Checks and quotes the arguments of a change-source call, for the dialects. */
record SourceSettings(String host, int port, String user, Secret password, ReplicationPosition position) {

    SourceSettings {
        Require.nonBlank(host, "replication source host");
        Require.between(port, 1, 65535, "replication source port");
        Require.nonBlank(user, "replication user");
        Require.nonNull(password, "replication password");
        Require.nonNull(position, "replication position");
    }

    String quotedHost() {
        return SqlLiteral.quote(host);
    }

    String quotedUser() {
        return SqlLiteral.quote(user);
    }

    String quotedPassword() {
        return SqlLiteral.quote(password.reveal());
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port + " from " + position;
    }
}
