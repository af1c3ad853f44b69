package io.handoff.planner.api;

import io.handoff.common.json.Json;
import io.handoff.planner.plan.FieldError;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A request whose declared body is larger than {@code quarkus.http.limits.max-body-size} is answered 413 with a
 * problem body before a byte of it is read. Quarkus's own check (route order -2) answers the same request with an
 * empty 413; this one runs just before it and says what the limit is. An HTTP/1 connection is closed afterwards,
 * as Quarkus does, since the unread body would otherwise be taken for the next request; an HTTP/2 stream just
 * ends (closing the connection would end the client's other streams). A body sent without a length (chunked) is
 * still cut off by Quarkus when it passes the limit, with its empty 413.
 */
@ApplicationScoped
public class BodyTooLargeProblem {
    private static final int BEFORE_QUARKUS_UPLOAD_LIMIT = -3;

    void install(@Observes Router router,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize) {
        if (maxBodySize.isEmpty()) {
            return;
        }
        long limit = maxBodySize.get().asLongValue();
        router.route().order(BEFORE_QUARKUS_UPLOAD_LIMIT).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length == null || !isAbove(length, limit)) {
                context.next();
                return;
            }
            Problem problem = new Problem("about:blank", "Request body too large", 413, "the body is " + length.trim()
                    + " bytes; at most " + limit + " are accepted", List.of(new FieldError("(body)", "at most " + limit
                    + " bytes")));
            HttpServerResponse response = context.response().setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
            if (context.request().version() != HttpVersion.HTTP_2) {
                response.putHeader(HttpHeaders.CONNECTION, "close").endHandler(ended -> context.request().connection().close());
            }
            response.end(Json.toJson(problem));
        });
    }

    /** Whether a Content-Length header says more than {@code limit}; one that is no number is left to Quarkus. */
    private static boolean isAbove(String length, long limit) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
