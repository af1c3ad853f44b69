package io.handoff.planner.api;

import io.handoff.planner.dashboard.SessionAuthenticationMechanism;
import io.handoff.planner.messaging.PlannerUnavailableException;
import io.handoff.planner.messaging.UnsafeTopicsException;
import io.handoff.planner.plan.InvalidPlanException;
import io.handoff.planner.plan.PlanConflictException;
import io.handoff.planner.plan.PlanNotFoundException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.handoff.planner.plan.FieldError;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps the planner's refusals to problem responses. */
public class ProblemMappers {

    /**
     * A request without credentials to an endpoint that needs a role: 401 with a problem body and the basic challenge;
     * from the dashboard (its session cookie, ended, or its CSRF header) without the challenge, which would open the
     * browser's own password prompt.
     */
    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, HttpHeaders headers) {
        if (headers.getCookies().containsKey(SessionAuthenticationMechanism.COOKIE)
                || headers.getHeaderString(SessionAuthenticationMechanism.CSRF_HEADER) != null) {
            return Problem.response(Response.Status.UNAUTHORIZED, "Not signed in",
                    "not signed in, or the dashboard's session has ended: sign in again", List.of());
        }
        return Response.fromResponse(Problem.response(Response.Status.UNAUTHORIZED, "Not signed in",
                        "this endpoint needs credentials (HTTP basic auth or a bearer token)", List.of()))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"handoff\"").build();
    }

    /** Signed in without the role the endpoint needs (a viewer changing a plan): 403 with a problem body. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.response(Response.Status.FORBIDDEN, "Role not allowed",
                "this endpoint needs the operator role; viewers and applications may only read", List.of());
    }

    @ServerExceptionMapper
    public Response invalidPlan(InvalidPlanException e) {
        return Problem.response(Response.Status.BAD_REQUEST, "Invalid plan", e.getMessage(), e.errors());
    }

    /** A body in a media type the endpoint does not read (a plan as text/plain): 415 naming the Content-Type. */
    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e) {
        return Problem.response(Response.Status.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                "a plan is JSON (application/json) or YAML (application/yaml)", List.of(new FieldError(HttpHeaders.CONTENT_TYPE,
                        "must be application/json or application/yaml")));
    }

    @ServerExceptionMapper
    public Response conflict(PlanConflictException e) {
        return Problem.response(Response.Status.CONFLICT, "Cluster busy", e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response notFound(PlanNotFoundException e) {
        return Problem.response(Response.Status.NOT_FOUND, "No such plan", e.getMessage(), List.of());
    }

    /**
     * A topic missing or unsafe (handoff.plans with a retention): 503 naming each topic ({@code field}) and setting
     * ({@code message}), e.g. {@code handoff.plans} / {@code retention.ms=604800000, must be -1}.
     */
    @ServerExceptionMapper
    public Response unsafeTopics(UnsafeTopicsException e) {
        return Problem.response(Response.Status.SERVICE_UNAVAILABLE, "Unsafe Kafka topics", e.getMessage(),
                e.settings().stream().map(setting -> new FieldError(setting.topic(), setting.describeSetting())).toList());
    }

    @ServerExceptionMapper
    public Response unavailable(PlannerUnavailableException e) {
        return Problem.response(Response.Status.SERVICE_UNAVAILABLE, "Planner not ready", e.getMessage(), List.of());
    }
}
