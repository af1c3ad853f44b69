package io.handoff.cutover.cluster;

import java.sql.SQLException;

/** Work on a cluster that may fail with an {@link SQLException}. */
@FunctionalInterface
public interface SqlCall<T> {
    T call() throws SQLException;
}
