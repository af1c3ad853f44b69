package io.handoff.planner.api;

import io.handoff.common.json.Json;
import io.handoff.planner.messaging.PlanEventBroadcaster;
import io.handoff.planner.messaging.PlanLog;
import io.handoff.planner.messaging.PlannerUnavailableException;
import io.handoff.planner.plan.PlanNotFoundException;
import io.handoff.planner.plan.PlanOrchestrator;
import io.handoff.planner.plan.PlanRegistry;
import io.handoff.planner.plan.PlanRequest;
import io.handoff.planner.plan.PlanRun;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.Context;
import java.net.URI;
import org.jboss.resteasy.reactive.RestStreamElementType;
import java.util.Comparator;
import java.util.List;

/** The operator's API: submit a flip plan, follow it. */
@Path("/plans")
@Produces(MediaType.APPLICATION_JSON)
public class PlanResource {
    private final PlanOrchestrator orchestrator;
    private final PlanRegistry registry;
    private final PlanEventBroadcaster broadcaster;
    private final PlanLog log;

    public PlanResource(PlanOrchestrator orchestrator, PlanRegistry registry, PlanEventBroadcaster broadcaster, PlanLog log) {
        this.orchestrator = orchestrator;
        this.registry = registry;
        this.broadcaster = broadcaster;
        this.log = log;
    }

    /**
     * Validates the plan (JSON, or YAML with {@code Content-Type: application/yaml}), starts it and
     * answers 201 with its view; 400 with a problem body naming each wrong field, 409 when one of its
     * clusters is in another active plan, 415 for a body of another media type (text/plain), 413 for a body
     * above {@code quarkus.http.limits.max-body-size}. Nothing is sent for a refused plan. With {@code dryRun=true}
     * nothing starts: 200 with the phases and every compiled step (the prepare phase's included), or the
     * same 400.
     */
    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml"})
    public Response submit(String body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @QueryParam("dryRun") boolean dryRun, @Context SecurityContext security) {
        boolean yaml = contentType != null && contentType.toLowerCase().contains("yaml");
        if (dryRun) {
            PlanOrchestrator.DryRun dry = orchestrator.dryRun(PlanReader.read(body, yaml));
            return Response.ok(DryRunView.of(dry.plan(), dry.compiled())).build();
        }
        PlanRequest request = PlanReader.read(body, yaml);
        String by = who(security);
        return created(log.execute(out -> orchestrator.submit(request, by, out)));
    }

    /**
     * Flips a completed flip back (A and B swapped, DNS back to the values the switch replaced): 201
     * with the new plan; 409 before completion, after the point of no return, or when done already.
     */
    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Path("/{id}/flip-back")
    public Response flipBack(@PathParam("id") String id, @Context SecurityContext security) {
        String by = who(security);
        return created(log.execute(out -> orchestrator.flipBack(id, by, out)));
    }

    /**
     * Declares the point of no return of a completed flip: reverse replication ends and flip back is
     * refused from then on. 202 with the plan; the plan view shows when it was reached.
     */
    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Path("/{id}/point-of-no-return")
    public Response pointOfNoReturn(@PathParam("id") String id, @Context SecurityContext security) {
        String by = who(security);
        return accepted(log.execute(out -> orchestrator.pointOfNoReturn(id, by, out)));
    }

    /** Gives the operator's approval of {@code gate} (e.g. {@code flip}); the step waiting for it goes on. 202. */
    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Path("/{id}/approvals/{gate}")
    public Response approve(@PathParam("id") String id, @PathParam("gate") String gate, @Context SecurityContext security) {
        String by = who(security);
        return accepted(log.execute(out -> orchestrator.approve(id, gate, by, out)));
    }

    /** Pauses a running plan: the step in flight finishes, the next one waits for resume. 202. */
    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Path("/{id}/pause")
    public Response pause(@PathParam("id") String id, @Context SecurityContext security) {
        String by = who(security);
        return accepted(log.execute(out -> orchestrator.pause(id, by, out)));
    }

    /** Resumes a paused plan. 202; 409 when it is not paused. */
    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Path("/{id}/resume")
    public Response resume(@PathParam("id") String id, @Context SecurityContext security) {
        String by = who(security);
        return accepted(log.execute(out -> orchestrator.resume(id, by, out)));
    }

    /**
     * Aborts a plan before its DNS switch: ABORTED when nothing was fenced yet, otherwise rolled back.
     * 202; 409 once the fence that carries the DNS switch was sent or the DNS switch began (flip back instead), or when
     * the plan has ended.
     */
    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Path("/{id}/abort")
    public Response abort(@PathParam("id") String id, @Context SecurityContext security) {
        String by = who(security);
        return accepted(log.execute(out -> orchestrator.abort(id, by, out)));
    }

    /** Reads only from a replayed log: before that, the plans shown would be missing or stale. */
    private void requireReady() {
        if (!log.ready()) {
            throw new PlannerUnavailableException("the planner is not ready: " + log.notReadyBecause());
        }
    }

    private static Response accepted(PlanRun run) {
        synchronized (run) {
            return Response.accepted(PlanView.of(run)).build();
        }
    }

    private static String who(SecurityContext security) {
        return security.getUserPrincipal() == null ? "anonymous" : security.getUserPrincipal().getName();
    }

    private static Response created(PlanRun run) {
        synchronized (run) {
            return Response.created(URI.create("/plans/" + run.id())).entity(PlanView.of(run)).build();
        }
    }

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.VIEWER})
    @Path("/{id}")
    public PlanView get(@PathParam("id") String id) {
        requireReady();
        PlanRun run = registry.find(id).orElseThrow(() -> new PlanNotFoundException(id));
        synchronized (run) {
            return PlanView.of(run);
        }
    }

    /**
     * The plan's events as they happen, as server-sent events (JSON PlanEvent records): submitted, step
     * scheduled, confirmed, failed, gate passed, completed, rolled back.
     */
    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.VIEWER})
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<String> events(@PathParam("id") String id) {
        requireReady();
        registry.find(id).orElseThrow(() -> new PlanNotFoundException(id));
        return broadcaster.of(id).map(Json::toJson);
    }

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.VIEWER})
    public List<PlanView> list() {
        requireReady();
        return registry.all().stream()
                .sorted(Comparator.comparing(PlanRun::submittedAt).reversed())
                .map(run -> {
                    synchronized (run) {
                        return PlanView.of(run);
                    }
                })
                .toList();
    }
}
