package io.handoff.planner.api;

import io.handoff.common.json.Json;
import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Wrong credentials (an unknown user, a wrong password, a bad token) fail before any endpoint runs (proactive
 * authentication), where the endpoints' problem mappers ({@link ProblemMappers}) are not reached: this answers them with
 * the same kind of problem body, 401, and the basic challenge.
 */
@ApplicationScoped
public class AuthenticationFailureProblem {

    void install(@Observes Router router) {
        router.route().order(-1).failureHandler(context -> {
            if (!(context.failure() instanceof AuthenticationFailedException) || context.response().ended()) {
                context.next();
                return;
            }
            Problem problem = new Problem("about:blank", "Not signed in", 401,
                    "unknown user, wrong password or invalid token", List.of());
            context.response().setStatusCode(401)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader("WWW-Authenticate", "Basic realm=\"handoff\"")
                    .end(Json.toJson(problem));
        });
    }
}
