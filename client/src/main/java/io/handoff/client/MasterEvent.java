package io.handoff.client;

import java.time.Instant;

/**
 * One of the planner's application events, as the client reads it (the planner's {@code ApplicationEvent}).
 *
 * @param eventId      the event's id
 * @param planId       the plan that flips the application's database
 * @param occurredAt   when the planner decided it
 * @param kind         what happened
 * @param application  the application it is for
 * @param fencingEpoch the plan's fencing epoch, higher in every later plan
 * @param source       where the application reaches the flip's old master
 * @param target       where the application reaches the flip's new master
 */
public record MasterEvent(String eventId, String planId, Instant occurredAt, Kind kind, String application,
        long fencingEpoch, Endpoint source, Endpoint target) {

    /** The kinds, by their order within one fencing epoch. */
    public enum Kind {
        /** The flip from source to target begins: hold writes. */
        FENCE_STARTED,
        /** The target is the writable master. */
        MASTER_WRITABLE,
        /** The flip was undone: the source is the writable master again. */
        ROLLED_BACK
    }

    /** Whether this event comes after {@code other} by {@code (fencingEpoch, kind)}; every event comes after null. */
    public boolean isNewerThan(MasterEvent other) {
        return other == null || fencingEpoch > other.fencingEpoch
                || fencingEpoch == other.fencingEpoch && kind.ordinal() > other.kind.ordinal();
    }

    /** Where writes go once this event happened; null while its fence is in progress. */
    public Endpoint master() {
        return switch (kind) {
            case FENCE_STARTED -> null;
            case MASTER_WRITABLE -> target;
            case ROLLED_BACK -> source;
        };
    }
}
