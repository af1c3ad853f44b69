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
import java.util.ArrayList;
import java.util.List;

/**
 * What the dashboard reads besides the plan API: one server-sent event stream per plan carrying the
 * monitor's lag samples (event {@code lag}, a LagSample as JSON) and drift reports (event {@code drift},
 * a DriftReport as JSON), each starting with the recent ones, after an event {@code ready}. Any user of
 * the planner may read it.
 */
@Path("/dashboard")
public class DashboardResource {
    /** Events a slow browser may fall behind by before its stream ends (it reconnects and starts again). */
    private static final int BUFFER = 4096;

    private final DashboardFeeds feeds;

    public DashboardResource(DashboardFeeds feeds) {
        this.feeds = feeds;
    }

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.VIEWER})
    @Path("/plans/{id}/monitor")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> monitor(@PathParam("id") String planId, @Context Sse sse) {
        return Multi.createFrom().<OutboundSseEvent>emitter(emitter -> follow(planId, sse, emitter), BUFFER);
    }

    private void follow(String planId, Sse sse, MultiEmitter<? super OutboundSseEvent> emitter) {
        emitter.emit(event(sse, "ready", "{\"planId\":\"" + planId.replaceAll("[^A-Za-z0-9._-]", "") + "\"}"));
        List<AutoCloseable> watches = new ArrayList<>();
        emitter.onTermination(() -> watches.forEach(DashboardResource::closeQuietly));
        watches.add(feeds.lag().watch(planId, json -> emitter.emit(event(sse, "lag", json))));
        watches.add(feeds.drift().watch(planId, json -> emitter.emit(event(sse, "drift", json))));
        if (emitter.isCancelled()) {
            watches.forEach(DashboardResource::closeQuietly);
        }
    }

    private static OutboundSseEvent event(Sse sse, String name, String json) {
        return sse.newEventBuilder().name(name).mediaType(MediaType.APPLICATION_JSON_TYPE).data(json).build();
    }

    static void closeQuietly(AutoCloseable watch) {
        try {
            watch.close();
        } catch (Exception e) {
            // A watch handle's close only removes the watcher from a map: it does not fail.
        }
    }
}
