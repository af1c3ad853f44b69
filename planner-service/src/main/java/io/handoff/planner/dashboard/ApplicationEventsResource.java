package io.handoff.planner.dashboard;

import io.handoff.planner.api.Roles;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * Where an application's master is, for clients without Kafka access (the handoff client library reads it):
 * one server-sent event stream per application. It starts with an event {@code ready}
 * ({@code {"application": NAME}}), then sends the application's events of the last week, oldest first, and
 * every new one as it is published on {@code handoff.applications}: event {@code application-event}, id the
 * event's id, data an {@code ApplicationEvent} as one line of JSON. The same event may come twice (at least
 * once); clients order events by {@code (fencingEpoch, kind)} and ignore any not newer than the last they applied.
 */
@Path("/applications")
public class ApplicationEventsResource {
    /** Events a client may fall behind by before its stream ends (it reconnects and starts again). */
    private static final int BUFFER = 256;
    private static final Pattern EVENT_ID = Pattern.compile("\"eventId\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");

    private final DashboardFeeds feeds;

    public ApplicationEventsResource(DashboardFeeds feeds) {
        this.feeds = feeds;
    }

    @GET
    @RolesAllowed({Roles.APPLICATION, Roles.OPERATOR, Roles.VIEWER})
    @Path("/{application}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Follow an application's master",
            description = "Server-sent events: 'ready', then 'application-event' (an ApplicationEvent as JSON: kind"
                    + " FENCE_STARTED, MASTER_WRITABLE or ROLLED_BACK; application; planId; fencingEpoch; occurredAt;"
                    + " source and target {host, port}), the last week's first, then live ones.")
    public Multi<OutboundSseEvent> events(
            @Parameter(description = "the application's name, as plans name it") @PathParam("application") String application,
            @Context Sse sse) {
        return Multi.createFrom().<OutboundSseEvent>emitter(emitter -> follow(application, sse, emitter), BUFFER);
    }

    private void follow(String application, Sse sse, MultiEmitter<? super OutboundSseEvent> emitter) {
        String name = application.replaceAll("[\"\\\\\\p{Cntrl}]", "");
        emitter.emit(sse.newEventBuilder().name("ready").mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data("{\"application\":\"" + name + "\"}").build());
        AutoCloseable watch = feeds.applications().watch(application, json -> emitter.emit(event(sse, json)));
        emitter.onTermination(() -> DashboardResource.closeQuietly(watch));
        if (emitter.isCancelled()) {
            DashboardResource.closeQuietly(watch);
        }
    }

    private static OutboundSseEvent event(Sse sse, String json) {
        OutboundSseEvent.Builder event = sse.newEventBuilder().name("application-event")
                .mediaType(MediaType.APPLICATION_JSON_TYPE).data(json);
        Matcher id = EVENT_ID.matcher(json);
        if (id.find()) {
            event.id(id.group(1));
        }
        return event.build();
    }
}
