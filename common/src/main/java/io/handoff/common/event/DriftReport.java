package io.handoff.common.event;

import io.handoff.common.Require;
import io.handoff.common.json.JsonValues;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Rows that differ between source and target, published by the replication monitor on
 * {@code handoff.replication.drift} with the plan id as key. A report locates the drift by one
 * primary key (continuous verification of changed rows) or by a key range (chunked checksums), or
 * both; at least one is given.
 *
 * @param eventId       unique id of this record (UUID)
 * @param planId        the plan, also the Kafka key
 * @param occurredAt    when the report was published
 * @param schemaVersion schema version of this record, {@value #SCHEMA_VERSION} today
 * @param table         the table as {@code schema.table}
 * @param kind          missing, extra or different
 * @param primaryKey    key column to value of the one row concerned, JSON-shaped; empty when a range is given
 * @param keyRange      the key range concerned, or {@code null} when a primary key is given
 * @param count         rows of this kind found in that key or range; 0 means it was re-checked and is clean now
 * @param detectedAt    when the difference was detected
 */
public record DriftReport(
        String eventId,
        String planId,
        Instant occurredAt,
        int schemaVersion,
        String table,
        DriftKind kind,
        Map<String, Object> primaryKey,
        KeyRange keyRange,
        long count,
        Instant detectedAt) implements HandoffEvent {

    /** The {@link HandoffEvent#eventType()} of drift reports. */
    public static final String TYPE = "handoff.drift-report";
    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    /** Validates every component, including that a key or a range is given. */
    public DriftReport {
        EventEnvelope.validate("DriftReport", eventId, planId, occurredAt, schemaVersion);
        Require.nonBlank(table, "DriftReport.table");
        int dot = table.indexOf('.');
        if (dot <= 0 || dot == table.length() - 1) {
            throw new IllegalArgumentException("DriftReport.table must be schema.table (was '" + table + "')");
        }
        Require.nonNull(kind, "DriftReport.kind");
        primaryKey = JsonValues.canonicalMap(primaryKey, "DriftReport.primaryKey");
        if (primaryKey.isEmpty() && keyRange == null) {
            throw new IllegalArgumentException("DriftReport of " + table + " needs a primaryKey or a keyRange");
        }
        Require.atLeast(count, 0, "DriftReport.count");
        Require.nonNull(detectedAt, "DriftReport.detectedAt");
    }

    /** A report of one row, with a fresh event id, published now. */
    public static DriftReport ofRow(String planId, String table, DriftKind kind, Map<String, ?> primaryKey,
            Instant detectedAt, Clock clock) {
        @SuppressWarnings("unchecked")
        Map<String, Object> key = (Map<String, Object>) primaryKey;
        return new DriftReport(HandoffEvent.newEventId(), planId, clock.instant(), SCHEMA_VERSION, table, kind,
                key, null, 1, detectedAt);
    }

    /** A report of a key range, with a fresh event id, published now. */
    public static DriftReport ofRange(String planId, String table, DriftKind kind, KeyRange keyRange, long count,
            Instant detectedAt, Clock clock) {
        return new DriftReport(HandoffEvent.newEventId(), planId, clock.instant(), SCHEMA_VERSION, table, kind,
                Map.of(), keyRange, count, detectedAt);
    }

    @Override
    public String eventType() {
        return TYPE;
    }
}
