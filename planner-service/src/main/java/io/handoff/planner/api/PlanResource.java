package io.handoff.planner.api;

import io.handoff.planner.plan.PlanOrchestrator;
import io.handoff.planner.plan.PlanRegistry;
import io.handoff.planner.plan.PlanRun;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Comparator;
import java.util.List;

/** The operator's API: submit a flip plan, follow it. */
@Path("/plans")
@Produces(MediaType.APPLICATION_JSON)
public class PlanResource {
    private final PlanOrchestrator orchestrator;
    private final PlanRegistry registry;

    public PlanResource(PlanOrchestrator orchestrator, PlanRegistry registry) {
        this.orchestrator = orchestrator;
        this.registry = registry;
    }

    /**
     * Validates the plan (JSON, or YAML with {@code Content-Type: application/yaml}), starts it and
     * answers 201 with its view; 400 with a problem body naming each wrong field, 409 when one of its
     * clusters is in another active plan. Nothing is sent for a refused plan.
     */
    @POST
    @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml", MediaType.WILDCARD})
    public Response submit(String body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        boolean yaml = contentType != null && contentType.toLowerCase().contains("yaml");
        PlanRun run = orchestrator.submit(PlanReader.read(body, yaml));
        synchronized (run) {
            return Response.created(URI.create("/plans/" + run.id())).entity(PlanView.of(run)).build();
        }
    }

    @GET
    @Path("/{id}")
    public PlanView get(@PathParam("id") String id) {
        PlanRun run = registry.find(id).orElseThrow(() -> new PlanNotFoundException(id));
        synchronized (run) {
            return PlanView.of(run);
        }
    }

    @GET
    public List<PlanView> list() {
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
