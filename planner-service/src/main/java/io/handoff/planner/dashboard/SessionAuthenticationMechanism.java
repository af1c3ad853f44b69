package io.handoff.planner.dashboard;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Authenticates the dashboard's calls by the session cookie its sign-in set ({@link SessionResource}): the request
 * acts as the user who signed in, with the roles the sign-in found. Requests carrying an {@code Authorization}
 * header (HTTP basic, a bearer token: the CLI, clients) are left to their own mechanisms, unchanged.
 * <p>
 * CSRF: the browser adds the cookie to any request to the planner, including one a hostile page makes it send.
 * Besides the cookie's {@code SameSite=Strict}, a state-changing request (any method but GET, HEAD, OPTIONS)
 * authenticated by the cookie must carry {@value #CSRF_HEADER}{@code : 1}: a page of another origin cannot add
 * a custom header without a CORS preflight, which the planner does not grant. Without it the request is refused
 * with 403 and a problem body ({@link CsrfRefusedException}).
 * <p>
 * A cookie whose session has ended (signed out, idle, too old, planner restarted) is ignored: the request is
 * anonymous, so the page itself still loads and the API answers 401. To a request from the dashboard (it
 * carries the cookie or {@value #CSRF_HEADER}) the 401 has no {@code WWW-Authenticate: Basic}, which would
 * open the browser's own password prompt.
 */
@ApplicationScoped
public class SessionAuthenticationMechanism implements HttpAuthenticationMechanism {
    /** The session cookie's name. */
    public static final String COOKIE = "handoff_session";
    /** The header a cookie-authenticated state-changing request must carry, with the value {@code 1}. */
    public static final String CSRF_HEADER = "X-Handoff-Session";
    /** The scheme's name, for {@code quarkus.http.auth.permission.*.auth-mechanism}. */
    public static final String SCHEME = "session";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final DashboardSessions sessions;

    public SessionAuthenticationMechanism(DashboardSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        if (context.request().headers().contains(HttpHeaders.AUTHORIZATION)) {
            return Uni.createFrom().nullItem();
        }
        Cookie cookie = context.request().getCookie(COOKIE);
        if (cookie == null) {
            return Uni.createFrom().nullItem();
        }
        return sessions.use(cookie.getValue())
                .map(session -> {
                    if (!SAFE.contains(context.request().method()) && !hasCsrfHeader(context)) {
                        return Uni.createFrom().<SecurityIdentity>failure(
                                new AuthenticationFailedException(new CsrfRefusedException()));
                    }
                    return Uni.createFrom().<SecurityIdentity>item(QuarkusSecurityIdentity.builder()
                            .setPrincipal(new QuarkusPrincipal(session.user()))
                            .addRoles(session.roles())
                            .addAttribute(SCHEME, Boolean.TRUE)
                            .build());
                })
                .orElseGet(() -> Uni.createFrom().nullItem());
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return fromDashboard(context) ? Uni.createFrom().item(new ChallengeData(401)) : Uni.createFrom().nullItem();
    }

    /** Whether the request comes from the dashboard: it carries the session cookie or {@value #CSRF_HEADER}. */
    public static boolean fromDashboard(RoutingContext context) {
        return context.request().getCookie(COOKIE) != null || context.request().headers().contains(CSRF_HEADER);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.COOKIE, COOKIE, SCHEME));
    }

    @Override
    public int getPriority() {
        // Asked before basic auth and bearer tokens, which it leaves alone, so that its challenge (no basic
        // challenge) is the one a dashboard request gets.
        return DEFAULT_PRIORITY + 3000;
    }

    static boolean hasCsrfHeader(RoutingContext context) {
        return "1".equals(context.request().getHeader(CSRF_HEADER));
    }

    /**
     * A cookie-authenticated state-changing request without {@value #CSRF_HEADER}: the cause of the authentication
     * failure, which is answered 403 with a problem body (AuthenticationFailureProblem).
     */
    public static final class CsrfRefusedException extends RuntimeException {
        public CsrfRefusedException() {
            super("a request authenticated by the dashboard's session cookie that changes state must carry the header "
                    + CSRF_HEADER + ": 1", null, false, false);
        }
    }
}
