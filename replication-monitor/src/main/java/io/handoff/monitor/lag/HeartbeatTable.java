package io.handoff.monitor.lag;

import io.handoff.common.sql.HeartbeatFence;
import io.handoff.common.sql.SqlStatement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The heartbeat table, {@code handoff.heartbeat(id, ts)}, as pt-heartbeat {@code --utc} keeps it: one
 * row per plan, whose {@code ts} the monitor's writer stamps on the source with its own clock (UTC,
 * microseconds) and whose replicated copy the sampler reads on the target. Writer and sampler use the
 * same clock, so the lag they compute does not depend on the servers' clocks. Sessions run with
 * {@code time_zone='+00:00'}, so that {@code TIMESTAMP} values go in and out unchanged.
 */
public final class HeartbeatTable {
    /** The schema handoff owns on the source (replicated to the target). */
    public static final String SCHEMA = HeartbeatFence.SCHEMA;
    /** The table's qualified name; it also holds the plans' fence markers ({@link HeartbeatFence}). */
    public static final String TABLE = HeartbeatFence.TABLE;

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private HeartbeatTable() {
    }

    /** Session setting of every monitor connection. */
    public static SqlStatement utcSession() {
        return SqlStatement.of("SET time_zone='+00:00'");
    }

    /** One row with one count column: 1 when the table exists. */
    public static SqlStatement exists() {
        return SqlStatement.of("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA=? AND TABLE_NAME=?",
                SCHEMA, "heartbeat");
    }

    /**
     * Creates the schema and the table. Run on the source only, and only when {@link #exists()} said
     * no: the DDL replicates to the target like the rows do.
     */
    public static SqlStatement[] create() {
        return new SqlStatement[] {
            SqlStatement.of("CREATE DATABASE IF NOT EXISTS " + SCHEMA),
            SqlStatement.of("CREATE TABLE IF NOT EXISTS " + TABLE + " (id VARCHAR(191) NOT NULL PRIMARY KEY,"
                    + " ts TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)) ENGINE=InnoDB")
        };
    }

    /**
     * Stamps the plan's row with {@code now}, unless the server is read-only: update count 1 (inserted)
     * or 2 (updated); 0 when the server is read-only. An account that may write on a read-only server
     * (SUPER, READ_ONLY ADMIN) would otherwise put transactions on an old master that has become a
     * replica during a flip; this way the heartbeat stops there, and the samples say "stale". Fences that
     * leave {@code read_only} off (account-lock, security-group-swap) stop it through the plan's fence
     * marker instead: the writer runs this statement only inside
     * {@link MonitorConnection#stampUnlessFenced}, see {@link HeartbeatFence}.
     *
     * <p>The update binds the stamp a second time rather than reading {@code VALUES(ts)}: MySQL 8.0.20+
     * deprecates that function (warning 1287 on every heartbeat, MySQL 9.7 included) and MariaDB lacks the
     * row alias MySQL offers instead; a parameter reads the same on both.
     */
    public static SqlStatement stamp(String planId, Instant now) {
        String ts = format(now);
        return SqlStatement.of("INSERT INTO " + TABLE + " (id, ts) SELECT ?, ? FROM DUAL WHERE @@GLOBAL.read_only = 0"
                + " ON DUPLICATE KEY UPDATE ts = ?", planId, ts, ts);
    }

    /** One row, one string column (the plan's heartbeat, UTC, microseconds), or no row before the first heartbeat. */
    public static SqlStatement read(String planId) {
        return SqlStatement.of("SELECT DATE_FORMAT(ts, '%Y-%m-%d %H:%i:%s.%f') FROM " + TABLE + " WHERE id = ?", planId);
    }

    /** The {@code ts} literal of {@code instant}: UTC, truncated to microseconds. */
    public static String format(Instant instant) {
        return TS.format(LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
    }

    /** The instant of a {@code ts} value as {@link #read} returns it. */
    public static Instant parse(String ts) {
        return LocalDateTime.parse(ts, TS).toInstant(ZoneOffset.UTC);
    }
}
