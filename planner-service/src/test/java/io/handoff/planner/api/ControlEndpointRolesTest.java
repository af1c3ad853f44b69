package io.handoff.planner.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.json.Json;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.handoff.planner.plan.Plans;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint that changes a plan, as each kind of caller: without credentials 401, as a viewer 403, both with a
 * problem body and nothing changed; as an operator past the role check (here a 404 for a plan that does not exist, or
 * the dry run of a new plan, so that nothing starts).
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.WITH_CLUSTERS, value = "false"))
class ControlEndpointRolesTest {
    private static final String NO_SUCH_PLAN = "00000000-0000-0000-0000-000000000000";

    static Stream<String> controlEndpoints() {
        return Stream.of("/plans?dryRun=true", "/plans/" + NO_SUCH_PLAN + "/flip-back",
                "/plans/" + NO_SUCH_PLAN + "/point-of-no-return", "/plans/" + NO_SUCH_PLAN + "/approvals/before-flip",
                "/plans/" + NO_SUCH_PLAN + "/pause", "/plans/" + NO_SUCH_PLAN + "/resume", "/plans/" + NO_SUCH_PLAN + "/abort");
    }

    @ParameterizedTest(name = "POST {0}")
    @MethodSource("controlEndpoints")
    void onlyAnOperatorGetsPastTheRoleCheckAndTheOthersGetAProblem(String endpoint) {
        Response anonymous = post(given().auth().none(), endpoint);
        assertThat(anonymous.statusCode()).as("without credentials").isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith(Problem.MEDIA_TYPE);
        assertThat(anonymous.jsonPath().getInt("status")).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic");

        Response wrongPassword = post(given().auth().preemptive().basic("test-operator", "wrong"), endpoint);
        assertThat(wrongPassword.statusCode()).as("with a wrong password").isEqualTo(401);
        assertThat(wrongPassword.contentType()).as("with a wrong password").startsWith(Problem.MEDIA_TYPE);

        Response viewer = post(given().auth().preemptive().basic("test-viewer", "test-viewer-password"), endpoint);
        assertThat(viewer.statusCode()).as("as a viewer").isEqualTo(403);
        assertThat(viewer.contentType()).startsWith(Problem.MEDIA_TYPE);
        assertThat(viewer.jsonPath().getString("detail")).contains("operator");

        Response application = post(given().auth().preemptive().basic("test-application", "test-application-password"), endpoint);
        assertThat(application.statusCode()).as("as an application").isEqualTo(403);

        Response operator = post(given().auth().preemptive().basic("test-operator", "test-operator-password"), endpoint);
        assertThat(operator.statusCode()).as("as an operator: " + operator.asString())
                .isEqualTo(endpoint.startsWith("/plans?") ? 200 : 404);
    }

    @org.junit.jupiter.api.Test
    void theApiDescriptionNamesTheRoleEachControlEndpointNeeds() {
        io.restassured.path.json.JsonPath api = given().auth().none().accept(ContentType.JSON).get("/q/openapi?format=json")
                .then().statusCode(200).extract().jsonPath();
        for (String path : java.util.List.of("/plans", "/plans/{id}/flip-back", "/plans/{id}/point-of-no-return",
                "/plans/{id}/approvals/{gate}", "/plans/{id}/pause", "/plans/{id}/resume", "/plans/{id}/abort")) {
            Object security = api.get("paths.'" + path + "'.post.security");
            assertThat(String.valueOf(security)).as("security of POST " + path).contains("operator").doesNotContain("viewer");
        }
        assertThat(String.valueOf((Object) api.get("paths.'/plans/{id}'.get.security"))).contains("operator").contains("viewer");
    }

    private static Response post(RequestSpecification request, String endpoint) {
        return request.contentType(ContentType.JSON).body(Json.toJson(Plans.valid(null))).post(endpoint);
    }
}
