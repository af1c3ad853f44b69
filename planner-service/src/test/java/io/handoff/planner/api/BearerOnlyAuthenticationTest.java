package io.handoff.planner.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.handoff.common.json.Json;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.handoff.planner.plan.Plans;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/**
 * Production as documented for Keycloak: {@code handoff.auth.bearer-only=true} and the roles from
 * {@code realm_access/roles}. The embedded users exist (the test profile's) but cannot sign in.
 */
@QuarkusTest
@TestProfile(OidcProfile.BearerOnlyKeycloak.class)
@QuarkusTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.WITH_CLUSTERS, value = "false"))
class BearerOnlyAuthenticationTest {

    @Test
    void keycloakRealmRolesAreThePlannersRoles() {
        String plan = Json.toJson(Plans.valid(null));
        given().auth().oauth2(TestTokens.keycloakUser("kc-alice", "operator", "offline_access"))
                .contentType(ContentType.JSON).body(plan).post("/plans?dryRun=true").then().statusCode(200);
        String viewer = TestTokens.keycloakUser("kc-night-shift", "viewer");
        given().auth().oauth2(viewer).contentType(ContentType.JSON).body(plan).post("/plans?dryRun=true")
                .then().statusCode(403);
        given().auth().oauth2(viewer).get("/plans").then().statusCode(200);
        given().auth().oauth2(TestTokens.user("groups-only", "operator")).get("/plans").then().statusCode(403);
    }

    @Test
    void basicAuthOfEmbeddedUsersIsRefusedButHealthStaysOpen() {
        given().auth().preemptive().basic("test-operator", "test-operator-password").get("/plans").then().statusCode(401);
        given().auth().preemptive().basic("test-operator", "test-operator-password").contentType(ContentType.JSON)
                .body(Json.toJson(Plans.valid(null))).post("/plans?dryRun=true").then().statusCode(401);
        given().auth().preemptive().basic("test-viewer", "test-viewer-password").get("/dashboard/plans/any/monitor")
                .then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"user\":\"test-operator\",\"password\":\"test-operator-password\"}")
                .post("/dashboard/session").then().statusCode(401);
        given().auth().none().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
