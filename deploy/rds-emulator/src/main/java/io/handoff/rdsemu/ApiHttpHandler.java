package io.handoff.rdsemu;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP entry point: a Query protocol request is a {@code POST} of form parameters to {@code /}. Applies
 * injected faults, serves the action, writes the XML answer (or RDS error document, HTTP status from the
 * error) and logs one line per call. Signatures are not checked.
 */
final class ApiHttpHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHttpHandler.class);

    private final RdsApi api;
    private final CallLog calls;

    ApiHttpHandler(RdsApi api, CallLog calls) {
        this.api = api;
        this.calls = calls;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        String requestId = UUID.randomUUID().toString();
        String action = "-";
        int status;
        byte[] body;
        String outcome;
        try {
            if (!exchange.getRequestMethod().equals("POST")) {
                throw RdsError.unknownAction(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
            }
            QueryRequest request = QueryRequest.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            action = request.action();
            RdsError fault = calls.nextFault();
            if (fault != null) {
                throw fault;
            }
            body = api.handle(request, requestId);
            status = 200;
            outcome = "OK";
        } catch (RdsError e) {
            status = e.httpStatus();
            body = ResponseXml.error(e, requestId);
            outcome = e.code() + ": " + e.getMessage();
        } catch (RuntimeException e) {
            LOG.error("rds-emulator: {} failed", action, e);
            RdsError internal = new RdsError("InternalFailure", 500, "Internal error: " + e);
            status = 500;
            body = ResponseXml.error(internal, requestId);
            outcome = "InternalFailure";
        }
        calls.served(action);
        try {
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } finally {
            LOG.info("rds-emulator: {} -> {} {} ({} ms)", action, status, outcome, (System.nanoTime() - started) / 1_000_000);
            exchange.close();
        }
    }
}
