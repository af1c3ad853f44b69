package io.handoff.planner.api;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The planner with OIDC on, as in production except that the issuer's key is given directly
 * ({@code quarkus.oidc.public-key}, so no identity provider is contacted) and the issuer is named
 * (in production it comes from the provider's discovery document). Roles from {@code groups}, the
 * default; the embedded test users stay on.
 */
public class OidcProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.oidc.tenant-enabled", "true",
                "quarkus.oidc.public-key", TestTokens.publicKey(),
                "quarkus.oidc.token.issuer", TestTokens.ISSUER);
    }

    /** OIDC only, roles from Keycloak's realm roles: basic auth of embedded users is refused. */
    public static class BearerOnlyKeycloak extends OidcProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new java.util.HashMap<>(super.getConfigOverrides());
            overrides.put("handoff.auth.bearer-only", "true");
            overrides.put("quarkus.oidc.roles.role-claim-path", "realm_access/roles");
            return overrides;
        }
    }
}
