package io.handoff.cutover.seed;

import io.handoff.cutover.cluster.PortableSql;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

/**
 * A batch of rows in memory as the text that {@linkplain #statement its LOAD DATA statement} reads: a line per row
 * ({@code \n}), its values separated by tabs, {@code \N} for NULL, and in a value each backslash, tab, newline, carriage
 * return and NUL escaped with a backslash ({@code \\ \t \n \r \0}); every other byte is itself. Read with
 * {@code CHARACTER SET binary}, the server takes each value's bytes as they are, so a value arrives byte for byte as the
 * source stored it (character, binary, BIT and spatial columns) or printed it (numbers, dates, ENUM, SET, JSON:
 * {@link SeedTable.Column#bytes()}), whatever it holds. Not thread-safe: one thread fills it, then hands it over.
 */
final class LoadDataRows {
    /** The escape after a backslash for each byte value that needs one, 0 for the others. */
    private static final byte[] ESCAPES = new byte[256];

    static {
        ESCAPES['\\'] = '\\';
        ESCAPES['\t'] = 't';
        ESCAPES['\n'] = 'n';
        ESCAPES['\r'] = 'r';
        ESCAPES[0] = '0';
    }

    /** Values longer than this have their escapes counted before room is made, rather than room for all. */
    private static final int COUNTED = 1 << 20;
    /** The most text one batch may hold (an array's limit). */
    private static final int MAX_LENGTH = Integer.MAX_VALUE - 8;

    private byte[] text;
    private int length;
    private int rows;
    private boolean inRow;

    /** @param capacity bytes of text expected, grown as needed */
    LoadDataRows(int capacity) {
        text = new byte[Math.max(64, capacity)];
    }

    /** Adds the next value of the current row; {@code null} is NULL. */
    void value(byte[] value) {
        // Room at once (a separator, then every byte escaped, or for a large value its escapes counted): the bytes are
        // then written in place.
        ensure(value == null ? 3 : 1L + value.length + (value.length <= COUNTED ? value.length : escapes(value)));
        byte[] out = text;
        int at = length;
        if (inRow) {
            out[at++] = '\t';
        }
        inRow = true;
        if (value == null) {
            out[at++] = '\\';
            out[at++] = 'N';
            length = at;
            return;
        }
        for (byte b : value) {
            byte escape = ESCAPES[b & 0xff];
            if (escape == 0) {
                out[at++] = b;
            } else {
                out[at++] = '\\';
                out[at++] = escape;
            }
        }
        length = at;
    }

    private static int escapes(byte[] value) {
        int count = 0;
        for (byte b : value) {
            if (ESCAPES[b & 0xff] != 0) {
                count++;
            }
        }
        return count;
    }

    /** Ends the current row. */
    void endRow() {
        append((byte) '\n');
        inRow = false;
        rows++;
    }

    /** Empties the buffer for another batch, keeping its room. */
    void clear() {
        length = 0;
        rows = 0;
        inRow = false;
    }

    /** The rows ended so far. */
    int rows() {
        return rows;
    }

    /** The text so far, bytes. */
    int length() {
        return length;
    }

    /** The text of the rows ended so far, as the driver sends it for {@code LOAD DATA LOCAL INFILE}. */
    InputStream stream() {
        return new ByteArrayInputStream(text, 0, length);
    }

    /** A copy of the text, for tests. */
    byte[] toByteArray() {
        return Arrays.copyOf(text, length);
    }

    /**
     * The {@code LOAD DATA LOCAL INFILE} that reads such rows into {@code table}'s copied columns (generated ones are
     * left to the target). The file name is only a label: the seed's session sends the rows it was given instead
     * ({@link LocalInfile}). Each value goes straight to its column, but a JSON column's, which a binary string cannot
     * fill: it goes through a user variable and is taken as UTF-8 text ({@code CONVERT(@v USING utf8mb4)}), as the
     * source printed it. The escapes in the statement need the session's {@code sql_mode} without
     * {@code NO_BACKSLASH_ESCAPES}, which the seed's writers set.
     */
    static String statement(SeedTable table) {
        List<SeedTable.Column> columns = table.columns();
        StringBuilder targets = new StringBuilder();
        StringBuilder set = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            SeedTable.Column column = columns.get(i);
            targets.append(i == 0 ? "" : ", ");
            if (column.json()) {
                String variable = "@c" + i;
                targets.append(variable);
                set.append(set.length() == 0 ? " SET " : ", ").append(PortableSql.identifier(column.name()))
                        .append(" = CONVERT(").append(variable).append(" USING utf8mb4)");
            } else {
                targets.append(PortableSql.identifier(column.name()));
            }
        }
        return "LOAD DATA LOCAL INFILE 'handoff-seed-rows' INTO TABLE " + table.qualified()
                + " CHARACTER SET binary FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' ("
                + targets + ")" + set;
    }

    private void append(byte b) {
        ensure(1);
        text[length++] = b;
    }

    private void ensure(long more) {
        if (text.length - length < more) {
            long needed = length + more;
            if (needed > MAX_LENGTH) {
                throw new IllegalStateException("a batch of rows does not fit in " + MAX_LENGTH + " bytes of LOAD DATA text");
            }
            text = Arrays.copyOf(text, (int) Math.min(MAX_LENGTH, Math.max(2L * text.length, needed)));
        }
    }
}
