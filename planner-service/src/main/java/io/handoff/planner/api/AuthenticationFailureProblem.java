package io.handoff.planner.api;

import io.handoff.common.json.Json;
import io.handoff.planner.dashboard.SessionAuthenticationMechanism;
import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Wrong credentials (an unknown user, a wrong password, a bad token) fail before any endpoint runs (proactive
 * authentication), where the endpoints' problem mappers ({@link ProblemMappers}) are not reached: this answers them with
 * the same kind of problem body, 401, and the basic challenge. A dashboard request authenticated by its session
 * cookie that changes state without the CSRF header ({@link SessionAuthenticationMechanism.CsrfRefusedException})
 * gets 403 and a problem body instead, without a challenge; a request of the dashboard (its session cookie or CSRF
 * header) that is not signed in gets the 401 without the basic challenge.
 */
@ApplicationScoped
public class AuthenticationFailureProblem {

    void install(@Observes Router router) {
        router.route().order(-1).failureHandler(context -> {
            if (!(context.failure() instanceof AuthenticationFailedException) || context.response().ended()) {
                context.next();
                return;
            }
            Throwable csrf = csrfRefusal(context.failure());
            if (csrf != null) {
                context.response().setStatusCode(403)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .end(Json.toJson(new Problem("about:blank", "Forbidden", 403, csrf.getMessage(), List.of())));
                return;
            }
            if (SessionAuthenticationMechanism.fromDashboard(context)) {
                // No basic challenge: it would open the browser's own password prompt over the dashboard.
                context.response().setStatusCode(401)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .end(Json.toJson(new Problem("about:blank", "Not signed in", 401,
                                "not signed in, or the dashboard's session has ended: sign in again", List.of())));
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

    private static Throwable csrfRefusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SessionAuthenticationMechanism.CsrfRefusedException) {
                return cause;
            }
        }
        return null;
    }
}
