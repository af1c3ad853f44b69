package io.handoff.cutover.seed;

import java.nio.charset.StandardCharsets;

/**
 * The first and the last bytes of a stream that is too large to keep: where a dump prints the position
 * it was taken at. MySQL's dump and MariaDB's before 11 print it in their header; MariaDB 11's prints the
 * GTID position last ({@code -- SET GLOBAL gtid_slave_pos='...'} after "The deferred gtid setting ...
 * follows"), after all the data. One thread.
 */
final class StreamEnds {
    private final byte[] head;
    private final byte[] tail;
    private int headLength;
    private int tailLength;

    StreamEnds(int headLimit, int tailLimit) {
        this.head = new byte[headLimit];
        this.tail = new byte[tailLimit];
    }

    /** Takes the next {@code length} bytes of the stream from {@code buffer}. */
    void add(byte[] buffer, int length) {
        int toHead = Math.min(length, head.length - headLength);
        System.arraycopy(buffer, 0, head, headLength, toHead);
        headLength += toHead;
        if (length >= tail.length) {
            System.arraycopy(buffer, length - tail.length, tail, 0, tail.length);
            tailLength = tail.length;
            return;
        }
        int keep = Math.min(tailLength, tail.length - length);
        System.arraycopy(tail, tailLength - keep, tail, 0, keep);
        System.arraycopy(buffer, 0, tail, keep, length);
        tailLength = keep + length;
    }

    /** The first bytes, up to the head limit, as text. */
    String head() {
        return new String(head, 0, headLength, StandardCharsets.UTF_8);
    }

    /** The last bytes, up to the tail limit, as text. */
    String tail() {
        return new String(tail, 0, tailLength, StandardCharsets.UTF_8);
    }
}
