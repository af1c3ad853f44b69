package io.handoff.cutover.seed;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Passes a dump through, leaving out every line that starts with one prefix (with its line break), e.g. the
 * {@code SET @@SESSION.SQL_LOG_BIN} statements of MySQL's dump, which an account without
 * SESSION_VARIABLES_ADMIN may not run. Only the start of each line is held back, at most the prefix's
 * length; the rest of a line (an extended INSERT of megabytes) is written through in bulk. One writer thread.
 */
final class LineDroppingOutputStream extends FilterOutputStream {
    private final byte[] prefix;
    private final byte[] pending;
    private int pendingLength;
    /** At a line start, or holding the start of a line that may still turn out to match. */
    private boolean deciding = true;
    private boolean dropping;
    private long droppedLines;

    LineDroppingOutputStream(OutputStream out, String prefix) {
        super(out);
        this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
        if (this.prefix.length == 0) {
            throw new IllegalArgumentException("empty prefix");
        }
        this.pending = new byte[this.prefix.length];
    }

    /** Lines left out so far. */
    long droppedLines() {
        return droppedLines;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        int end = offset + length;
        int i = offset;
        while (i < end) {
            if (deciding) {
                byte b = bytes[i++];
                if (b == prefix[pendingLength]) {
                    pending[pendingLength++] = b;
                    if (pendingLength == prefix.length) {
                        deciding = false;
                        dropping = true;
                        pendingLength = 0;
                        droppedLines++;
                    }
                    continue;
                }
                out.write(pending, 0, pendingLength);
                pendingLength = 0;
                deciding = false;
                dropping = false;
                out.write(b);
                if (b == '\n') {
                    deciding = true;
                }
                continue;
            }
            int lineEnd = i;
            while (lineEnd < end && bytes[lineEnd] != '\n') {
                lineEnd++;
            }
            boolean endsLine = lineEnd < end;
            int upTo = endsLine ? lineEnd + 1 : end;
            if (!dropping) {
                out.write(bytes, i, upTo - i);
            }
            i = upTo;
            if (endsLine) {
                deciding = true;
                dropping = false;
            }
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        // A last line shorter than the prefix that matched so far is not the statement: it goes through.
        if (deciding && pendingLength > 0) {
            out.write(Arrays.copyOf(pending, pendingLength));
            pendingLength = 0;
        }
        super.close();
    }
}
