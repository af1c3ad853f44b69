package io.handoff.cutover.cluster;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads the current row of a result set into a value. */
@FunctionalInterface
public interface RowReader<T> {
    T read(ResultSet row) throws SQLException;
}
