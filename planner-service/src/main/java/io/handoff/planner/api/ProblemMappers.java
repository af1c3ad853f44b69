package io.handoff.planner.api;

import io.handoff.planner.messaging.PlannerUnavailableException;
import io.handoff.planner.plan.InvalidPlanException;
import io.handoff.planner.plan.PlanConflictException;
import io.handoff.planner.plan.PlanNotFoundException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps the planner's refusals to problem responses. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response invalidPlan(InvalidPlanException e) {
        return Problem.response(Response.Status.BAD_REQUEST, "Invalid plan", e.getMessage(), e.errors());
    }

    @ServerExceptionMapper
    public Response conflict(PlanConflictException e) {
        return Problem.response(Response.Status.CONFLICT, "Cluster busy", e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response notFound(PlanNotFoundException e) {
        return Problem.response(Response.Status.NOT_FOUND, "No such plan", e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response unavailable(PlannerUnavailableException e) {
        return Problem.response(Response.Status.SERVICE_UNAVAILABLE, "Planner not ready", e.getMessage(), List.of());
    }
}
