package io.handoff.planner.dashboard;

import io.handoff.planner.api.Problem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The dashboard's sign-in check: are these credentials valid, and with which roles? The credentials
 * come in the body rather than an Authorization header, so a wrong password gets a problem answer
 * instead of a basic-auth challenge (which would open the browser's own prompt). The dashboard then
 * sends them as HTTP basic auth with every call of the plan API; nothing is kept here.
 */
@Path("/dashboard/session")
public class SessionResource {
    private final IdentityProviderManager identities;

    public SessionResource(IdentityProviderManager identities) {
        this.identities = identities;
    }

    /** The user's name and roles when the credentials are valid (200); 401 with a problem body otherwise. */
    public record Credentials(String user, String password) {
        @Override
        public String toString() {
            return "Credentials[user=" + user + "]";
        }
    }

    /** Who signed in. */
    public record Session(String user, Set<String> roles) {
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    public Uni<Response> signIn(Credentials credentials) {
        if (credentials == null || credentials.user() == null || credentials.user().isBlank()
                || credentials.password() == null) {
            return Uni.createFrom().item(refused("user and password are both required"));
        }
        return identities.authenticate(new UsernamePasswordAuthenticationRequest(credentials.user(),
                        new PasswordCredential(credentials.password().toCharArray())))
                .map(identity -> Response.ok(session(identity)).build())
                .onFailure(AuthenticationFailedException.class)
                .recoverWithItem(() -> refused("unknown user or wrong password"));
    }

    private static Session session(SecurityIdentity identity) {
        return new Session(identity.getPrincipal().getName(), new TreeSet<>(identity.getRoles()));
    }

    private static Response refused(String detail) {
        return Response.status(Response.Status.UNAUTHORIZED).type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", "Not signed in", 401, detail, List.of())).build();
    }
}
