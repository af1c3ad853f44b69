package io.handoff.cutover.seed;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Whether a chunk holds the same rows on the source (read in the seed's snapshot) and on the target: its row count and
 * {@link Chunk#checksum() checksum} read on both. What a resumed seed asks of each chunk an earlier attempt copied.
 */
final class ChunkChecksum {
    private ChunkChecksum() {
    }

    /** Whether {@code chunk}'s rows read in {@code source} are those of {@code target} (a session without auto-commit). */
    static boolean same(Chunk chunk, Connection source, Connection target) throws SQLException {
        try {
            return of(chunk, source).equals(of(chunk, target));
        } finally {
            target.rollback();
        }
    }

    private static String of(Chunk chunk, Connection session) throws SQLException {
        try (Statement sql = session.createStatement(); ResultSet row = sql.executeQuery(chunk.checksum())) {
            row.next();
            return row.getLong(1) + "/" + row.getLong(2);
        }
    }
}
