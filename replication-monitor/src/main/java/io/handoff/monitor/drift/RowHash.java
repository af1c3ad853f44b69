package io.handoff.monitor.drift;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.kafka.connect.data.Struct;

/**
 * The hash of a row's columns: SHA-256 over each column's name and canonical text (see
 * {@link ColumnKind}), truncated to 64 bits. The source side hashes Debezium's after-image, the
 * target side the row read by key, with the same {@link RowShape}, so equal rows hash equal.
 * Not thread-safe: one instance per thread.
 */
public final class RowHash {
    private static final byte SEPARATOR = 0x1f;
    private final MessageDigest digest;

    public RowHash() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The hash of a Debezium row image. */
    public long of(RowShape shape, Struct image) {
        digest.reset();
        for (int i = 0; i < shape.size(); i++) {
            String column = shape.columns().get(i);
            add(column, shape.kinds().get(i).canonical(image.get(column)));
        }
        return finish();
    }

    /** The hash of the target's current row, read with the image's shape. */
    public long of(RowShape shape, ResultSet row) throws SQLException {
        digest.reset();
        for (int i = 0; i < shape.size(); i++) {
            String column = shape.columns().get(i);
            add(column, shape.kinds().get(i).canonical(row, column));
        }
        return finish();
    }

    private void add(String column, String canonical) {
        digest.update(column.getBytes(StandardCharsets.UTF_8));
        digest.update(SEPARATOR);
        digest.update(canonical.getBytes(StandardCharsets.UTF_8));
        digest.update(SEPARATOR);
    }

    private long finish() {
        return ByteBuffer.wrap(digest.digest()).getLong();
    }
}
