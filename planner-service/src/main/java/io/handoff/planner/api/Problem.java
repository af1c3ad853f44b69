package io.handoff.planner.api;

import io.handoff.planner.plan.FieldError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 7807 problem body ({@code application/problem+json}); {@code errors} names each wrong field.
 */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";

    static Response response(Response.Status status, String title, String detail, List<FieldError> errors) {
        return Response.status(status)
                .type(MediaType.valueOf(MEDIA_TYPE))
                .entity(new Problem("about:blank", title, status.getStatusCode(), detail, errors))
                .build();
    }
}
