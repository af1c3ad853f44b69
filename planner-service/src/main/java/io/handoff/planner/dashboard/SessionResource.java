package io.handoff.planner.dashboard;

import io.handoff.planner.api.Problem;
import io.quarkus.security.Authenticated;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * The dashboard's sign-in and sign-out. The credentials come in the body rather than an Authorization header, so
 * a wrong password gets a problem answer instead of a basic-auth challenge (which would open the browser's own
 * prompt). A successful sign-in opens a server-side session ({@link DashboardSessions}) and answers with its
 * cookie; the browser keeps no password, and its calls of the plan API are authenticated by the cookie
 * ({@link SessionAuthenticationMechanism}, which also requires the CSRF header on state-changing calls).
 * <p>
 * The cookie is {@code HttpOnly} (no script reads it), {@code Secure}, {@code SameSite=Strict} and {@code Path=/}.
 * {@code Secure} needs no switch for the demo and the tests over plain HTTP: browsers treat {@code http://localhost}
 * (and 127.0.0.1) as a secure context and keep and send a {@code Secure} cookie there; any other host must be
 * reached over HTTPS (a TLS-terminating ingress, say) for the dashboard to sign in.
 * <p>
 * Failed sign-ins are throttled per user name and per client address ({@link LoginThrottle}): a refused attempt is
 * answered 429 with {@code Retry-After}, without its password being checked. Passwords are never logged; failed
 * and refused sign-ins are, with the user name and address.
 */
@Path("/dashboard/session")
public class SessionResource {
    private static final Logger LOG = Logger.getLogger(SessionResource.class);

    private final IdentityProviderManager identities;
    private final DashboardSessions sessions;
    private final LoginThrottle throttle;
    private final DashboardClock clock;

    public SessionResource(IdentityProviderManager identities, DashboardSessions sessions, LoginThrottle throttle,
            DashboardClock clock) {
        this.identities = identities;
        this.sessions = sessions;
        this.throttle = throttle;
        this.clock = clock;
    }

    /** A sign-in's body. */
    public record Credentials(String user, String password) {
        @Override
        public String toString() {
            return "Credentials[user=" + user + "]";
        }
    }

    /** Who is signed in. */
    public record Session(String user, Set<String> roles) {
    }

    /**
     * Opens a session when the credentials are valid: 200 with the user's name and roles and the session cookie;
     * 401 with a problem body otherwise; 429 with a problem body and {@code Retry-After} while throttled.
     */
    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    public Uni<Response> signIn(Credentials credentials, @Context HttpServerRequest request) {
        if (credentials == null || credentials.user() == null || credentials.user().isBlank()
                || credentials.password() == null) {
            return Uni.createFrom().item(notSignedIn("user and password are both required"));
        }
        String user = credentials.user();
        String address = address(request);
        Optional<LoginThrottle.Refusal> refusal = throttle.check(user, address, clock.now());
        if (refusal.isPresent()) {
            LOG.warnf("Dashboard sign-in of user '%s' from %s refused: %s", printable(user), address, refusal.get());
            return Uni.createFrom().item(throttled(refusal.get()));
        }
        return identities.authenticate(new UsernamePasswordAuthenticationRequest(user,
                        new PasswordCredential(credentials.password().toCharArray())))
                .map(identity -> {
                    throttle.succeeded(user);
                    return signedIn(identity);
                })
                .onFailure(AuthenticationFailedException.class)
                .recoverWithItem(() -> {
                    int failures = throttle.failed(user, address, clock.now());
                    LOG.infof("Dashboard sign-in of user '%s' from %s failed (failure %d of this user name in the"
                            + " window)", printable(user), address, failures);
                    return notSignedIn("unknown user or wrong password");
                });
    }

    /** Who the caller is (by the session cookie, or by basic auth or token): the dashboard asks this on load. */
    @GET
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    public Session current(@Context SecurityIdentity identity) {
        return session(identity);
    }

    /**
     * Signs out: the session ends on the server (its cookie no longer authenticates anything, even if kept) and the
     * cookie is expired. 204 whether or not there was a session.
     */
    @DELETE
    @PermitAll
    public Response signOut(@CookieParam(SessionAuthenticationMechanism.COOKIE) String sessionId) {
        if (sessionId != null) {
            sessions.close(sessionId);
        }
        return Response.noContent().header(HttpHeaders.SET_COOKIE, cookie("", 0)).build();
    }

    private Response signedIn(SecurityIdentity identity) {
        Session who = session(identity);
        DashboardSessions.DashboardSession session = sessions.open(who.user(), who.roles());
        return Response.ok(who).header(HttpHeaders.SET_COOKIE, cookie(session.id(), sessions.maxAge().toSeconds())).build();
    }

    /** The session cookie's header value; see the class comment for its attributes. */
    static String cookie(String value, long maxAgeSeconds) {
        return SessionAuthenticationMechanism.COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; Secure; SameSite=Strict";
    }

    private static Session session(SecurityIdentity identity) {
        return new Session(identity.getPrincipal().getName(), new TreeSet<>(identity.getRoles()));
    }

    private static Response notSignedIn(String detail) {
        return Response.status(Response.Status.UNAUTHORIZED).type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", "Not signed in", 401, detail, List.of())).build();
    }

    private static Response throttled(LoginThrottle.Refusal refusal) {
        String detail = (refusal.lockedOut() ? "too many failed sign-ins of this " + refusal.subject() + ": locked out"
                : "failed sign-ins of this " + refusal.subject() + ": wait before the next attempt")
                + "; try again in " + refusal.retryAfterSeconds() + " s";
        return Response.status(Response.Status.TOO_MANY_REQUESTS).type(Problem.MEDIA_TYPE)
                .header("Retry-After", String.valueOf(refusal.retryAfterSeconds()))
                .entity(new Problem("about:blank", refusal.lockedOut() ? "Locked out" : "Too many failed sign-ins", 429,
                        detail, List.of()))
                .build();
    }

    private static String address(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }

    /** The user name as typed, without line breaks or other control characters (it goes into a log line). */
    private static String printable(String user) {
        String shown = user.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return shown.length() > 64 ? shown.substring(0, 64) + "..." : shown;
    }
}
