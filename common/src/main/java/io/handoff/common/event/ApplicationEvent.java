package io.handoff.common.event;

import io.handoff.common.Require;
import java.time.Clock;
import java.time.Instant;

/**
 * What one application must know to follow a flip by itself, published by the planner on
 * {@code handoff.applications} with the <em>application's name</em> as key (not the plan id: a client follows
 * its application across plans, a flip and its flip back, in order) and served to clients without Kafka on
 * the planner's {@code GET /applications/{name}/events} stream.
 *
 * <p>{@code source} and {@code target} are where the application reaches the flip's old and new master: the
 * values of its first DNS record before and after the flip (an address or an endpoint's name) and the port it
 * connects on. Which of them is the writable master follows from {@link #kind()}.
 *
 * <p>Delivery is at least once (a planner restart may publish an event again); clients order events by
 * {@code (fencingEpoch, kind.rank())} and ignore any not newer than the last one they applied.
 *
 * @param eventId       unique id of this record (UUID)
 * @param planId        the plan that flips the application's database
 * @param occurredAt    when the planner decided it
 * @param schemaVersion schema version of this record, {@value #SCHEMA_VERSION} today
 * @param kind          what happened
 * @param application   the application, as the plan names it; also the Kafka key
 * @param fencingEpoch  the plan's fencing epoch, higher in every later plan
 * @param source        where the application reaches the old master
 * @param target        where the application reaches the new master
 */
public record ApplicationEvent(
        String eventId,
        String planId,
        Instant occurredAt,
        int schemaVersion,
        ApplicationEventKind kind,
        String application,
        long fencingEpoch,
        Address source,
        Address target) implements HandoffEvent {

    /** The {@link HandoffEvent#eventType()} of application events. */
    public static final String TYPE = "handoff.application-event";
    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    /** Validates every component. */
    public ApplicationEvent {
        EventEnvelope.validate("ApplicationEvent", eventId, planId, occurredAt, schemaVersion);
        Require.nonNull(kind, "ApplicationEvent.kind");
        Require.nonBlank(application, "ApplicationEvent.application");
        Require.atLeast(fencingEpoch, 1, "ApplicationEvent.fencingEpoch");
        Require.nonNull(source, "ApplicationEvent.source");
        Require.nonNull(target, "ApplicationEvent.target");
    }

    /** An event with a fresh event id, happening now. */
    public static ApplicationEvent of(String planId, ApplicationEventKind kind, String application, long fencingEpoch,
            Address source, Address target, Clock clock) {
        return new ApplicationEvent(HandoffEvent.newEventId(), planId, clock.instant(), SCHEMA_VERSION, kind, application,
                fencingEpoch, source, target);
    }

    /** Where the writable master is once this event happened; {@code null} while a fence is in progress. */
    public Address master() {
        return switch (kind) {
            case FENCE_STARTED -> null;
            case MASTER_WRITABLE -> target;
            case ROLLED_BACK -> source;
        };
    }

    @Override
    public String eventType() {
        return TYPE;
    }

    /**
     * Where an application connects: a host name or address, and a port.
     *
     * @param host a DNS name or an IP address, not blank
     * @param port 1 to 65535
     */
    public record Address(String host, int port) {
        public Address {
            Require.nonBlank(host, "Address.host");
            Require.between(port, 1, 65_535, "Address.port");
        }

        @Override
        public String toString() {
            return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
        }
    }
}
