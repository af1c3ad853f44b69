package io.handoff.common.sql;

import io.handoff.common.Require;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a replica starts reading its source's binlog: a GTID set, binlog file coordinates, or
 * {@code auto} (the replica's own GTID state decides). Its text form, read by {@link #parse(String)}
 * and written by {@code toString()}, is how plans and step facts carry it.
 */
public sealed interface ReplicationPosition {

    /** The {@code auto} position. */
    ReplicationPosition AUTO = new Auto();

    /** {@code "auto"}, a {@code file:pos} such as {@code mysql-bin.000042:1337}, or a GTID set. */
    static ReplicationPosition parse(String text) {
        Require.nonNull(text, "replication position");
        String value = text.strip();
        if (value.equalsIgnoreCase(Auto.TEXT)) {
            return AUTO;
        }
        Matcher file = FilePosition.PATTERN.matcher(value);
        if (file.matches()) {
            return new FilePosition(file.group(1), Long.parseLong(file.group(2)));
        }
        return new Gtid(value);
    }

    /**
     * Applies the function for this position's kind: an exhaustive choice over the three kinds
     * (Java 17 has no pattern {@code switch}).
     */
    <R> R match(Function<? super Auto, R> auto, Function<? super Gtid, R> gtid, Function<? super FilePosition, R> file);

    /** Let the replica's GTID state choose the start (MySQL auto-position, MariaDB current_pos). */
    record Auto() implements ReplicationPosition {
        static final String TEXT = "auto";

        @Override
        public <R> R match(Function<? super Auto, R> auto, Function<? super Gtid, R> gtid, Function<? super FilePosition, R> file) {
            return auto.apply(this);
        }

        @Override
        public String toString() {
            return TEXT;
        }
    }

    /**
     * Start after a GTID set: MariaDB domain GTIDs ({@code 0-1-42,1-2-7}) or MySQL UUID sets
     * ({@code 3e11fa47-...:1-42}). An empty set means "from the beginning".
     *
     * @param set the GTID set, as the server prints it
     */
    record Gtid(String set) implements ReplicationPosition {
        /** Validates that the set is given and removes the line breaks MySQL prints between UUIDs. */
        public Gtid {
            set = Require.nonNull(set, "Gtid.set").replaceAll("\\s+", "");
        }

        @Override
        public <R> R match(Function<? super Auto, R> auto, Function<? super Gtid, R> gtid, Function<? super FilePosition, R> file) {
            return gtid.apply(this);
        }

        @Override
        public String toString() {
            return set;
        }
    }

    /**
     * Start at a binlog file and byte offset, as {@code SHOW MASTER STATUS} or an xtrabackup log
     * line gives them.
     *
     * @param file     binlog file name, e.g. {@code mysql-bin.000042}
     * @param position byte offset in that file, from 4
     */
    record FilePosition(String file, long position) implements ReplicationPosition {
        static final Pattern PATTERN = Pattern.compile("([^\\s:,]+\\.\\d+):(\\d+)");

        /** Validates file and offset. */
        public FilePosition {
            Require.nonBlank(file, "FilePosition.file");
            Require.atLeast(position, 4, "FilePosition.position");
        }

        @Override
        public <R> R match(Function<? super Auto, R> auto, Function<? super Gtid, R> gtid, Function<? super FilePosition, R> file) {
            return file.apply(this);
        }

        @Override
        public String toString() {
            return file + ":" + position;
        }
    }
}
