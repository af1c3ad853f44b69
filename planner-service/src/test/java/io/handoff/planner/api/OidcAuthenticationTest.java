package io.handoff.planner.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepType;
import io.handoff.common.json.Json;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.handoff.planner.plan.PlanRequest;
import io.handoff.planner.plan.Plans;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Production authentication: OIDC bearer tokens, verified against the issuer's key, with the planner's
 * roles from the token's {@code groups}; the embedded users keep working beside them. Tokens are
 * signed by the test ({@link TestTokens}), so no identity provider runs.
 */
@QuarkusTest
@TestProfile(OidcProfile.class)
@QuarkusTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.WITH_CLUSTERS, value = "false"))
class OidcAuthenticationTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String OPERATOR = TestTokens.user("oidc-alice", "operator");
    private static final String VIEWER = TestTokens.user("oidc-night-shift", "viewer");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void anOperatorsTokenStartsAPlanAndThePlanRecordsWhoAskedByUserNameOrElseSubject() throws Exception {
        PlanRequest valid = Plans.valid(null);
        String plan = Json.toJson(new PlanRequest("oidc-submitted", "source", "target", valid.flip(), null, null,
                valid.applications()));
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body(plan).post("/plans?dryRun=true")
                .then().statusCode(200).body("valid", equalTo(true));

        try (ExecutorStandIn executors = new ExecutorStandIn(bootstrapServers)) {
            String planId = given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body(plan).post("/plans")
                    .then().statusCode(201).body("submittedBy", equalTo("oidc-alice")).extract().path("id");

            String serviceAccount = TestTokens.sign(TestTokens.claims("svc-7f3a").claim("groups", List.of("operator")));
            given().auth().oauth2(serviceAccount).post("/plans/" + planId + "/abort").then().statusCode(202);
            List<StepCommand> commands = executors.answer(planId,
                    command -> StepEvent.succeeded(command, Map.of(), Clock.systemUTC()),
                    () -> "ABORTED".equals(given().auth().oauth2(VIEWER).get("/plans/" + planId).then().extract().path("status")),
                    TIMEOUT);

            assertThat(commands).extracting(StepCommand::type).containsExactly(StepType.FLUSH_TABLES);
            given().auth().oauth2(VIEWER).get("/plans/" + planId).then().statusCode(200)
                    .body("submittedBy", equalTo("oidc-alice"))
                    .body("reason", startsWith("aborted by svc-7f3a"));
        }
    }

    @Test
    void aViewersTokenReadsButCannotStartAPlan() {
        given().auth().oauth2(VIEWER).contentType(ContentType.JSON).body(Json.toJson(Plans.valid(null)))
                .post("/plans?dryRun=true").then().statusCode(403);
        given().auth().oauth2(VIEWER).get("/plans").then().statusCode(200);
    }

    @Test
    void aValidTokenWithoutAPlannerRoleIsForbidden() {
        given().auth().oauth2(TestTokens.user("oidc-stranger", "billing-admins")).get("/plans").then().statusCode(403);
        given().auth().oauth2(TestTokens.keycloakUser("oidc-keycloak-style", "operator")).get("/plans")
                .then().statusCode(403);
    }

    @Test
    void expiredForeignWrongIssuerAndMissingTokensAreNotAuthenticated() {
        Instant now = Instant.now();
        String expired = TestTokens.sign(TestTokens.claims("sub-late").preferredUserName("late")
                .claim("groups", List.of("operator")).issuedAt(now.minusSeconds(3600)).expiresAt(now.minusSeconds(600)));
        String foreign = TestTokens.sign(TestTokens.claims("sub-mallory").preferredUserName("mallory")
                .claim("groups", List.of("operator")), TestTokens.otherKey().getPrivate());
        String otherIssuer = TestTokens.sign(TestTokens.claims("sub-eve").issuer("https://elsewhere.test/")
                .preferredUserName("eve").claim("groups", List.of("operator")));
        String tampered = OPERATOR.substring(0, OPERATOR.lastIndexOf('.')) + "."
                + VIEWER.substring(VIEWER.lastIndexOf('.') + 1);

        for (String token : List.of(expired, foreign, otherIssuer, tampered, "not-a-jwt")) {
            given().auth().oauth2(token).get("/plans").then().statusCode(401);
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Json.toJson(Plans.valid(null)))
                    .post("/plans?dryRun=true").then().statusCode(401);
        }
        given().auth().none().get("/plans").then().statusCode(401);
        given().auth().none().contentType(ContentType.JSON).body(Json.toJson(Plans.valid(null)))
                .post("/plans?dryRun=true").then().statusCode(401);
    }

    @Test
    void embeddedUsersStillSignInWithBasicAuthBesideTokens() {
        given().auth().preemptive().basic("test-operator", "test-operator-password").contentType(ContentType.JSON)
                .body(Json.toJson(Plans.valid(null))).post("/plans?dryRun=true").then().statusCode(200);
        given().auth().preemptive().basic("test-viewer", "test-viewer-password").get("/plans").then().statusCode(200);
        given().auth().preemptive().basic("test-operator", "wrong").get("/plans").then().statusCode(401);
    }
}
