package io.handoff.awsemu;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one API call: reads the request, resolves it to an operation, answers with the next injected
 * fault if one is queued and serves it otherwise, writes the XML answer or error document (HTTP status
 * from the error; {@code InternalFailure}, 500, for any other exception) and logs one line per call.
 * Every answered call is counted, whatever its outcome. Signatures are not checked.
 */
final class ApiHttpHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHttpHandler.class);

    private final String name;
    private final String namespace;
    private final ApiService service;
    private final FaultQueue faults;
    private final CallCounters counters;

    /**
     * @param name      prefixes the log lines, e.g. {@code rds-emulator}
     * @param namespace the API's XML namespace, in which error documents are written
     */
    ApiHttpHandler(String name, String namespace, ApiService service, FaultQueue faults, CallCounters counters) {
        this.name = name;
        this.namespace = namespace;
        this.service = service;
        this.faults = faults;
        this.counters = counters;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        String requestId = UUID.randomUUID().toString();
        RawRequest request = new RawRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), exchange.getRequestBody().readAllBytes());
        String operation = request.unresolvedName();
        String resource = null;
        ApiResponse response;
        String outcome;
        try {
            ApiCall call = service.resolve(request);
            operation = call.operation();
            resource = call.resource();
            ApiError fault = faults.next();
            if (fault != null) {
                counters.injected(fault);
                throw fault;
            }
            response = call.serve(requestId);
            outcome = "OK";
        } catch (ApiError e) {
            response = error(e, requestId);
            outcome = e.code() + ": " + e.getMessage();
        } catch (RuntimeException e) {
            LOG.error("{}: {} failed", name, operation, e);
            response = error(EmulatorError.internalFailure(e), requestId);
            outcome = "InternalFailure";
        }
        counters.served(operation);
        try {
            send(exchange, response, requestId);
        } finally {
            LOG.info("{}: {}{} -> {} {} ({} ms)", name, operation, resource == null ? "" : " " + resource, response.status(),
                    outcome, (System.nanoTime() - started) / 1_000_000);
            exchange.close();
        }
    }

    private ApiResponse error(ApiError error, String requestId) {
        return new ApiResponse(error.httpStatus(), Map.of(), ErrorResponse.write(namespace, error, requestId));
    }

    private static void send(HttpExchange exchange, ApiResponse response, String requestId) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/xml");
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
