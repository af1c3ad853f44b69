package io.handoff.common.event;

import io.handoff.common.Require;
import java.time.Clock;
import java.time.Instant;

/**
 * One measurement of how far the target is behind the source, published by the replication
 * monitor on {@code handoff.replication.lag} with the plan id as key. Dashboards plot it; the
 * planner's caught-up gate reads it.
 *
 * <p>Counts the monitor could not measure are {@value #UNKNOWN}; positions it could not read are
 * {@code null}. A position is a GTID set ({@code 0-1-42} on MariaDB, {@code uuid:1-42} on MySQL) or
 * {@code file:pos}; an empty string is a valid, empty GTID set.
 *
 * @param eventId        unique id of this record (UUID)
 * @param planId         the plan, also the Kafka key
 * @param occurredAt     when the sample was published
 * @param schemaVersion  schema version of this record, {@value #SCHEMA_VERSION} today
 * @param lagMillis      replication lag in milliseconds (heartbeat based), from 0
 * @param stale          {@code true} when no fresh heartbeat arrived: lag is at least {@code lagMillis}
 * @param sourcePosition the source's position at sampling time, or {@code null}
 * @param targetPosition the target's applied position at sampling time, or {@code null}
 * @param eventsBehind   binlog events the target has still to apply, or {@value #UNKNOWN}
 * @param bytesBehind    binlog bytes the target has still to apply, or {@value #UNKNOWN}
 * @param rowsChecked    rows verified since the previous sample, or {@value #UNKNOWN}
 * @param sampledAt      when the measurement was taken
 * @param replicationProblem why the target is not applying the source's changes, as its replica status says
 *                       (a stopped applier with its last error, a receiver that cannot connect), or {@code null}
 *                       when both threads run; absent in records of monitors older than this field
 * @param commitLagMicros the applier's lag from the original commit timestamps the replica reports (MySQL 8+,
 *                       microseconds; see {@code SqlDialect#commitTimestampLagMicros}), measured without heartbeat
 *                       writes but with the source's clock against the target's; {@code null} where not measured
 *                       (MariaDB, {@code performance_schema} off, records of older monitors)
 */
public record LagSample(
        String eventId,
        String planId,
        Instant occurredAt,
        int schemaVersion,
        long lagMillis,
        boolean stale,
        String sourcePosition,
        String targetPosition,
        long eventsBehind,
        long bytesBehind,
        long rowsChecked,
        Instant sampledAt,
        String replicationProblem,
        Long commitLagMicros) implements HandoffEvent {

    /** The {@link HandoffEvent#eventType()} of lag samples. */
    public static final String TYPE = "handoff.lag-sample";
    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 1;
    /** Value of a count that was not measured. */
    public static final long UNKNOWN = -1;

    /** Validates every component. */
    public LagSample {
        EventEnvelope.validate("LagSample", eventId, planId, occurredAt, schemaVersion);
        Require.atLeast(lagMillis, 0, "LagSample.lagMillis");
        Require.atLeast(eventsBehind, UNKNOWN, "LagSample.eventsBehind");
        Require.atLeast(bytesBehind, UNKNOWN, "LagSample.bytesBehind");
        Require.atLeast(rowsChecked, UNKNOWN, "LagSample.rowsChecked");
        Require.nonNull(sampledAt, "LagSample.sampledAt");
        if (commitLagMicros != null) {
            Require.atLeast(commitLagMicros, 0, "LagSample.commitLagMicros");
        }
    }

    /** A sample without the commit-timestamp lag. */
    public LagSample(String eventId, String planId, Instant occurredAt, int schemaVersion, long lagMillis, boolean stale,
            String sourcePosition, String targetPosition, long eventsBehind, long bytesBehind, long rowsChecked,
            Instant sampledAt, String replicationProblem) {
        this(eventId, planId, occurredAt, schemaVersion, lagMillis, stale, sourcePosition, targetPosition, eventsBehind,
                bytesBehind, rowsChecked, sampledAt, replicationProblem, null);
    }

    /** A sample without a replication problem. */
    public LagSample(String eventId, String planId, Instant occurredAt, int schemaVersion, long lagMillis, boolean stale,
            String sourcePosition, String targetPosition, long eventsBehind, long bytesBehind, long rowsChecked,
            Instant sampledAt) {
        this(eventId, planId, occurredAt, schemaVersion, lagMillis, stale, sourcePosition, targetPosition, eventsBehind,
                bytesBehind, rowsChecked, sampledAt, null);
    }

    /** A sample with a fresh event id, published now, without a replication problem. */
    public static LagSample of(String planId, long lagMillis, boolean stale, String sourcePosition, String targetPosition,
            long eventsBehind, long bytesBehind, long rowsChecked, Instant sampledAt, Clock clock) {
        return of(planId, lagMillis, stale, sourcePosition, targetPosition, eventsBehind, bytesBehind, rowsChecked, sampledAt,
                null, clock);
    }

    /** A sample with a fresh event id, published now, without the commit-timestamp lag. */
    public static LagSample of(String planId, long lagMillis, boolean stale, String sourcePosition, String targetPosition,
            long eventsBehind, long bytesBehind, long rowsChecked, Instant sampledAt, String replicationProblem, Clock clock) {
        return new LagSample(HandoffEvent.newEventId(), planId, clock.instant(), SCHEMA_VERSION, lagMillis, stale,
                sourcePosition, targetPosition, eventsBehind, bytesBehind, rowsChecked, sampledAt, replicationProblem);
    }

    /** This sample with the commit-timestamp lag ({@code null}: not measured). */
    public LagSample withCommitLagMicros(Long micros) {
        return new LagSample(eventId, planId, occurredAt, schemaVersion, lagMillis, stale, sourcePosition, targetPosition,
                eventsBehind, bytesBehind, rowsChecked, sampledAt, replicationProblem, micros);
    }

    @Override
    public String eventType() {
        return TYPE;
    }
}
