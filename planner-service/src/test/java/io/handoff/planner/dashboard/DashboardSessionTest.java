package io.handoff.planner.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.handoff.common.json.Json;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.handoff.planner.api.Problem;
import io.handoff.planner.plan.Plans;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's session (issue 22): a sign-in sets an HttpOnly, Secure, SameSite=Strict cookie of a server-side
 * session that carries the sign-in's roles; cookie-authenticated changes need the CSRF header; sign-out and expiry
 * end the session; failed sign-ins are throttled, then locked out. The time is {@link MovableClock}, not a sleep.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.WITH_CLUSTERS, value = "false"))
@Tag("issue-22")
class DashboardSessionTest {
    private static final String COOKIE = SessionAuthenticationMechanism.COOKIE;
    private static final String CSRF = SessionAuthenticationMechanism.CSRF_HEADER;

    private MovableClock clock;

    /** The dashboard's clock, moved by the test. */
    static class MovableClock extends DashboardClock {
        private volatile Instant now = Instant.now();

        @Override
        public Instant now() {
            return now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }
    }

    @BeforeEach
    void installClock() {
        clock = new MovableClock();
        QuarkusMock.installMockForType(clock, DashboardClock.class);
    }

    @Test
    void signInSetsAnHttpOnlySecureSameSiteStrictCookieOfARandomSessionId() {
        Response signedIn = signIn("test-operator", "test-operator-password");
        assertThat(signedIn.statusCode()).isEqualTo(200);
        assertThat(signedIn.jsonPath().getString("user")).isEqualTo("test-operator");
        assertThat(signedIn.jsonPath().getList("roles")).isEqualTo(List.of("operator"));
        String setCookie = signedIn.header("Set-Cookie");
        assertThat(setCookie).startsWith(COOKIE + "=");
        assertThat(List.of(setCookie.split(";\\s*")))
                .contains("HttpOnly", "Secure", "SameSite=Strict", "Path=/", "Max-Age=" + Duration.ofHours(8).toSeconds());
        assertThat(Base64.getUrlDecoder().decode(signedIn.cookie(COOKIE))).hasSizeGreaterThanOrEqualTo(16);
        assertThat(signIn("test-operator", "test-operator-password").cookie(COOKIE))
                .as("each sign-in gets its own session").isNotEqualTo(signedIn.cookie(COOKIE));
        assertThat(setCookie).doesNotContain("test-operator-password");
    }

    @Test
    void theCookieActsWithTheSignInsRoles() {
        String viewer = sessionOf("test-viewer", "test-viewer-password");
        given().cookie(COOKIE, viewer).get("/plans").then().statusCode(200);
        given().cookie(COOKIE, viewer).get("/dashboard/session").then().statusCode(200)
                .body("user", equalTo("test-viewer"))
                .body("roles", equalTo(List.of("viewer")));
        Response asViewer = dryRun(given().cookie(COOKIE, viewer).header(CSRF, "1"));
        assertThat(asViewer.statusCode()).as("a viewer's dry run").isEqualTo(403);

        String operator = sessionOf("test-operator", "test-operator-password");
        Response asOperator = dryRun(given().cookie(COOKIE, operator).header(CSRF, "1"));
        assertThat(asOperator.statusCode()).as("an operator's dry run").isEqualTo(200);
    }

    @Test
    void aCookieAuthenticatedChangeWithoutTheCsrfHeaderIsForbidden() {
        String operator = sessionOf("test-operator", "test-operator-password");
        Response withoutHeader = dryRun(given().cookie(COOKIE, operator));
        assertThat(withoutHeader.statusCode()).isEqualTo(403);
        assertThat(withoutHeader.contentType()).startsWith(Problem.MEDIA_TYPE);
        assertThat(withoutHeader.jsonPath().getString("detail")).contains(CSRF);
        assertThat(withoutHeader.header("WWW-Authenticate")).isNull();

        Response wrongValue = dryRun(given().cookie(COOKIE, operator).header(CSRF, "yes"));
        assertThat(wrongValue.statusCode()).isEqualTo(403);

        given().cookie(COOKIE, operator).delete("/dashboard/session").then().statusCode(403);
        given().cookie(COOKIE, operator).get("/plans").then().statusCode(200);
    }

    @Test
    void basicAuthNeedsNoCsrfHeaderAndIgnoresACookie() {
        String viewer = sessionOf("test-viewer", "test-viewer-password");
        Response basic = dryRun(given().auth().preemptive().basic("test-operator", "test-operator-password")
                .cookie(COOKIE, viewer));
        assertThat(basic.statusCode()).isEqualTo(200);
    }

    @Test
    void signOutEndsTheSessionAndExpiresTheCookie() {
        String operator = sessionOf("test-operator", "test-operator-password");
        Response signedOut = given().cookie(COOKIE, operator).header(CSRF, "1").delete("/dashboard/session");
        assertThat(signedOut.statusCode()).isEqualTo(204);
        assertThat(List.of(signedOut.header("Set-Cookie").split(";\\s*"))).contains(COOKIE + "=", "Max-Age=0");

        Response after = given().cookie(COOKIE, operator).header(CSRF, "1").get("/plans");
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.header("WWW-Authenticate")).as("no basic challenge: it would open the browser's prompt")
                .isNull();
        assertThat(after.contentType()).startsWith(Problem.MEDIA_TYPE);
        assertThat(dryRun(given().cookie(COOKIE, operator).header(CSRF, "1")).statusCode()).isEqualTo(401);
        given().header(CSRF, "1").get("/").then().statusCode(200);
    }

    @Test
    void anIdleSessionAndAnOldSessionEnd() {
        String idle = sessionOf("test-viewer", "test-viewer-password");
        clock.advance(Duration.ofMinutes(59));
        given().cookie(COOKIE, idle).get("/plans").then().statusCode(200);
        clock.advance(Duration.ofMinutes(60));
        given().cookie(COOKIE, idle).get("/plans").then().statusCode(401);

        String busy = sessionOf("test-viewer", "test-viewer-password");
        for (int hour = 1; hour < 8; hour++) {
            clock.advance(Duration.ofMinutes(50));
            given().cookie(COOKIE, busy).get("/plans").then().statusCode(200);
        }
        clock.advance(Duration.ofMinutes(60));
        given().cookie(COOKIE, busy).get("/plans").then().statusCode(401);
    }

    @Test
    void repeatedFailedSignInsAreThrottledThenLockedOutAndASuccessAfterTheLockoutResetsThem() {
        String user = "test-throttled";
        for (int failure = 1; failure <= 5; failure++) {
            assertThat(signIn(user, "wrong").statusCode()).as("failure %d", failure).isEqualTo(401);
        }
        Response sixth = signIn(user, "test-throttled-password");
        assertThat(sixth.statusCode()).as("the attempt after 5 failures, even with the right password").isEqualTo(429);
        assertThat(sixth.contentType()).startsWith(Problem.MEDIA_TYPE);
        assertThat(sixth.header("Retry-After")).isEqualTo("1");

        long wait = 1;
        for (int failure = 6; failure <= 10; failure++) {
            clock.advance(Duration.ofSeconds(wait));
            assertThat(signIn(user, "wrong").statusCode()).as("failure %d, after waiting %d s", failure, wait)
                    .isEqualTo(401);
            wait *= 2;
            if (failure < 10) {
                Response throttled = signIn(user, "wrong");
                assertThat(throttled.statusCode()).isEqualTo(429);
                assertThat(throttled.header("Retry-After")).isEqualTo(String.valueOf(wait));
            }
        }

        Response locked = signIn(user, "test-throttled-password");
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.header("Retry-After")).isEqualTo(String.valueOf(Duration.ofMinutes(15).toSeconds()));
        assertThat(locked.jsonPath().getString("title")).isEqualTo("Locked out");
        clock.advance(Duration.ofMinutes(14));
        assertThat(signIn(user, "test-throttled-password").statusCode()).isEqualTo(429);

        clock.advance(Duration.ofMinutes(1));
        assertThat(signIn(user, "test-throttled-password").statusCode()).isEqualTo(200);
        for (int failure = 1; failure <= 5; failure++) {
            assertThat(signIn(user, "wrong").statusCode()).as("failure %d after the success", failure).isEqualTo(401);
        }
        assertThat(signIn(user, "test-throttled-password").statusCode()).isEqualTo(429);
        clock.advance(Duration.ofSeconds(1));
        assertThat(signIn(user, "test-throttled-password").statusCode()).isEqualTo(200);
    }

    @Test
    void theDashboardScriptKeepsNoCredentialsInTheBrowser() {
        String script = given().get("/dashboard.js").then().statusCode(200).extract().asString();
        assertThat(script)
                .doesNotContain("sessionStorage", "localStorage", "Authorization", "btoa(")
                .contains("credentials: 'same-origin'", "'" + CSRF + "': '1'");
    }

    private static Response signIn(String user, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("user", user, "password", password))
                .header(CSRF, "1").post("/dashboard/session");
    }

    private static String sessionOf(String user, String password) {
        Response signedIn = signIn(user, password);
        assertThat(signedIn.statusCode()).isEqualTo(200);
        return signedIn.cookie(COOKIE);
    }

    private static Response dryRun(RequestSpecification request) {
        return request.contentType(ContentType.JSON).body(Json.toJson(Plans.valid(null))).post("/plans?dryRun=true");
    }
}
