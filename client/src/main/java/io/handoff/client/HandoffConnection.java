package io.handoff.client;

import java.sql.Connection;

/**
 * A connection of a {@link HandoffDataSource}: {@code connection.unwrap(HandoffConnection.class)} tells where it
 * goes now. The library may move it to another server between two statements (see {@link HandoffDataSource}).
 */
public interface HandoffConnection extends Connection {
    /** The endpoint its current physical connection goes to. */
    Endpoint endpoint();
}
