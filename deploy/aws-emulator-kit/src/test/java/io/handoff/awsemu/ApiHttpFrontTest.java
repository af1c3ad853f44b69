package io.handoff.awsemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives a front over real HTTP with a small API: {@code POST /echo} answers its body, {@code /boom} fails. */
class ApiHttpFrontTest {

    private static final String NS = "urn:test";

    private final HttpClient client = HttpClient.newHttpClient();
    private ApiHttpFront front;

    @BeforeEach
    void start() throws IOException {
        front = ApiHttpFront.bind("test-emulator", InetAddress.getLoopbackAddress(), 0, 2);
        front.serve(NS, request -> switch (request.rawPath()) {
            case "/echo" -> new ApiCall("Echo", "at=" + request.rawQuery(), requestId -> ApiResponse.ok(request.body()));
            case "/boom" -> new ApiCall("Boom", null, requestId -> {
                throw new IllegalStateException("broken");
            });
            default -> throw new UnknownOperation(request.rawPath());
        });
    }

    @AfterEach
    void stop() {
        front.close();
    }

    @Test
    void servesResolvedCallsAndCountsThemByOperation() throws Exception {
        HttpResponse<String> response = post("/echo?x=1", "hello");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/xml");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(front.counters().served()).isEqualTo(1);
        assertThat(front.counters().byOperation()).isEqualTo(Map.of("Echo", 1L));
    }

    @Test
    void queuedFaultsAnswerTheNextCallsInOrderAndCountUnderTheirOperation() throws Exception {
        front.faults().add(1, EmulatorError.throttling());
        front.faults().add(1, EmulatorError.injected("ServiceUnavailable", 503));

        HttpResponse<String> throttled = post("/echo", "a");
        assertThat(throttled.statusCode()).isEqualTo(400);
        assertThat(throttled.body()).contains("<ErrorResponse xmlns=\"" + NS + "\"><Error><Type>Sender</Type><Code>Throttling</Code>"
                + "<Message>Rate exceeded</Message></Error><RequestId>" + throttled.headers().firstValue("x-amzn-RequestId").orElseThrow()
                + "</RequestId></ErrorResponse>");
        HttpResponse<String> unavailable = post("/echo", "b");
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.body()).contains("<Type>Receiver</Type><Code>ServiceUnavailable</Code>");
        assertThat(post("/echo", "c").statusCode()).isEqualTo(200);

        assertThat(front.counters().throttled()).isEqualTo(1);
        assertThat(front.counters().injectedFailures()).isEqualTo(1);
        assertThat(front.counters().served()).isEqualTo(3);
        assertThat(front.counters().byOperation()).isEqualTo(Map.of("Echo", 3L));
    }

    @Test
    void aRequestNamingNoOperationIsAnsweredWithItsErrorCountedAsMethodAndPathAndTakesNoFault() throws Exception {
        front.faults().add(1, EmulatorError.throttling());

        HttpResponse<String> response = post("/nope", "");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<Code>InvalidAction</Code>");
        assertThat(front.counters().byOperation()).isEqualTo(Map.of("POST /nope", 1L));
        assertThat(front.faults().pending()).isEqualTo(1);
    }

    @Test
    void anOperationThatThrowsAnswersInternalFailure() throws Exception {
        HttpResponse<String> response = post("/boom", "");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("<Type>Receiver</Type><Code>InternalFailure</Code>",
                "java.lang.IllegalStateException: broken");
        assertThat(front.counters().byOperation()).isEqualTo(Map.of("Boom", 1L));
    }

    private HttpResponse<String> post(String pathAndQuery, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(front.endpoint() + pathAndQuery))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static final class UnknownOperation extends ApiError {
        UnknownOperation(String path) {
            super("InvalidAction", 400, "no operation at " + path);
        }
    }
}
