package io.handoff.planner.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.handoff.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 22: malformed plan bodies, as a hostile client sends them, to {@code POST /plans} and its dry run. Each
 * is answered 400, 413 or 415 with a problem body whose errors name the bad field, never a 500; no plan is
 * started (the plan list, which is the plan log, does not grow) and the planner stays ready.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.WITH_CLUSTERS, value = "false"))
class HostilePlanBodiesTest {
    private static final String JSON = "application/json";
    private static final String RECORD = "{\"zone\": \"internal.example.\", \"name\": \"db.storefront.internal.example.\","
            + " \"type\": \"A\", \"ttl\": 1, \"source\": \"127.0.0.2\", \"target\": \"127.0.0.3\"}";
    /** A valid flip; each case changes one thing. */
    private static final String FLIP = "{\"name\": \"shop-to-aurora\", \"source\": \"source\", \"target\": \"target\","
            + " \"flip\": {\"exemptUsers\": [\"auth\"], \"syncTimeout\": \"30s\"},"
            + " \"applications\": [{\"name\": \"storefront\", \"records\": [" + RECORD + "]}]}";
    /** A valid prepare and flip; each case changes one thing. */
    private static final String WHOLE = FLIP.replace("\"flip\":", "\"phases\": [\"prepare\", \"flip\"], \"prepare\":"
            + " {\"schemas\": [\"shop\"], \"retainBinlog\": \"7d\", \"seed\": {\"method\": \"mysqldump\"}}, \"gates\":"
            + " {\"maxLagMs\": 500}, \"flip\":");

    static Stream<Arguments> hostileBodies() {
        return Stream.of(
                arguments("a 1 MB name", JSON, FLIP.replace("shop-to-aurora", "x".repeat(1 << 20)), 413, "(body)"),
                arguments("a 200 KB name, within the body limit", JSON, FLIP.replace("shop-to-aurora", "x".repeat(200_000)), 400,
                        "name"),
                arguments("a name given as a number", JSON, FLIP.replace("\"shop-to-aurora\"", "42"), 400, "name"),
                arguments("a name given as a boolean", JSON, FLIP.replace("\"shop-to-aurora\"", "true"), 400, "name"),
                arguments("a name given twice", JSON, FLIP.replace("{\"name\": \"shop-to-aurora\",",
                        "{\"name\": \"shop-to-aurora\", \"name\": \"other\","), 400, "name"),
                arguments("an SQL quote in the name", JSON, FLIP.replace("shop-to-aurora", "shop'; DROP TABLE orders; --"), 400, "name"),
                arguments("a NUL in the name", JSON, FLIP.replace("shop-to-aurora", "shop\\u0000aurora"), 400, "name"),
                arguments("a CRLF in the zone", JSON, FLIP.replace("\"internal.example.\"", "\"internal.example.\\r\\n\""), 400,
                        "applications[0].records[0].zone"),
                arguments("a record outside its zone", JSON, FLIP.replace("db.storefront.internal.example.",
                        "db.storefront.evil.example."), 400, "applications[0].records[0].name"),
                arguments("an A record holding a host name", JSON, FLIP.replace("127.0.0.2", "db.example.com."), 400,
                        "applications[0].records[0].source"),
                arguments("a record given twice", JSON, FLIP.replace(RECORD, RECORD + ", " + RECORD), 400,
                        "applications[0].records[1].name"),
                arguments("a duration of 20 digits", JSON, FLIP.replace("\"30s\"", "\"99999999999999999999s\""), 400,
                        "flip.syncTimeout"),
                arguments("an ISO duration beyond a long", JSON, FLIP.replace("\"30s\"", "\"PT99999999999999999999S\""), 400,
                        "flip.syncTimeout"),
                arguments("a TTL beyond a long", JSON, FLIP.replace("\"ttl\": 1", "\"ttl\": 99999999999999999999"), 400,
                        "applications[0].records[0].ttl"),
                arguments("a fractional TTL", JSON, FLIP.replace("\"ttl\": 1", "\"ttl\": 1.5"), 400, "applications[0].records[0].ttl"),
                arguments("a TTL given as text", JSON, FLIP.replace("\"ttl\": 1", "\"ttl\": \"1\""), 400,
                        "applications[0].records[0].ttl"),
                arguments("a lag beyond any number", JSON, WHOLE.replace("500", "1e400"), 400, "gates.maxLagMs"),
                arguments("a lag of a day", JSON, WHOLE.replace("500", "86400000"), 400, "gates.maxLagMs"),
                arguments("a retention beyond a Duration", JSON, WHOLE.replace("\"7d\"", "\"9999999999999999999d\""), 400,
                        "prepare.retainBinlog"),
                arguments("a statement in a schema name", JSON, WHOLE.replace("[\"shop\"]", "[\"shop`; DROP DATABASE shop; --\"]"), 400,
                        "prepare.schemas[0]"),
                arguments("an external seed at no position", JSON, WHOLE.replace("{\"method\": \"mysqldump\"}",
                        "{\"method\": \"external\", \"position\": \"garbage\"}"), 400, "prepare.seed.position"),
                arguments("a quote in an exempt user", JSON, FLIP.replace("[\"auth\"]", "[\"auth'@'%\"]"), 400, "flip.exemptUsers[0]"),
                arguments("a null approval", JSON, FLIP.replace("\"flip\":", "\"approvals\": [null], \"flip\":"), 400, "approvals[0]"),
                arguments("no JSON at all", JSON, "{\"name\": ", 400, "name"),
                arguments("a list instead of a plan", JSON, "[" + FLIP + "]", 400, "(body)"),
                arguments("JSON nested 5000 deep", JSON, "[".repeat(5000) + "]".repeat(5000), 400, "(body)"),
                arguments("a YAML name that reads as a number", "application/yaml", "name: 2024\nsource: source\n", 400, "name"),
                arguments("a plan as text/plain", "text/plain", FLIP, 415, "Content-Type"));
    }

    @BeforeEach
    void asOperatorOnceThePlannerIsReady() {
        RestAssured.authentication = RestAssured.preemptive().basic("test-operator", "test-operator-password");
        await().atMost(Duration.ofSeconds(60)).until(() -> given().get("/plans").statusCode() == 200);
    }

    @AfterEach
    void forgetCredentials() {
        RestAssured.reset();
    }

    @ParameterizedTest(name = "{0}: {3} naming {4}")
    @MethodSource("hostileBodies")
    void eachHostileBodyIsAProblemNamingItsFieldAndStartsNothing(String what, String contentType, String body, int status,
            String field) {
        int plans = plans();
        for (String path : new String[] {"/plans?dryRun=true", "/plans"}) {
            Response answer = given().contentType(contentType).body(body.getBytes(StandardCharsets.UTF_8)).post(path);

            assertThat(answer.statusCode()).as(what + " to " + path + ": " + shortened(answer.asString())).isEqualTo(status);
            assertThat(answer.contentType()).as(what + " to " + path).startsWith(Problem.MEDIA_TYPE);
            assertThat(answer.jsonPath().getInt("status")).isEqualTo(status);
            assertThat(answer.jsonPath().getList("errors.field", String.class)).as(what + " to " + path).contains(field);
            assertThat(answer.asString().length()).as("the answer does not repeat the body back").isLessThan(20_000);
        }
        assertThat(plans()).as("plans in the plan log after " + what).isEqualTo(plans);
    }

    @Test
    void aBodyAboveTheLimitLeavesThePlannerReadyAndTheNextRequestServed() {
        given().contentType(JSON).body("{\"name\": \"" + "x".repeat(1 << 20) + "\"}").post("/plans").then().statusCode(413);

        given().auth().none().get("/q/health/ready").then().statusCode(200);
        given().contentType(JSON).body(FLIP).post("/plans?dryRun=true").then().statusCode(200);
    }

    private static int plans() {
        return given().get("/plans").then().statusCode(200).extract().jsonPath().getList("$").size();
    }

    private static String shortened(String text) {
        return text.length() > 500 ? text.substring(0, 500) + "..." : text;
    }
}
