package io.handoff.route53emu;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP entry point of the API: routes the request, applies injected faults, calls the operation,
 * writes the XML answer (or Route 53 error document) and logs one line per call.
 */
final class ApiHttpHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHttpHandler.class);

    private final Route53Api api;
    private final FaultInjector faults;
    private final CallCounters counters;

    ApiHttpHandler(Route53Api api, FaultInjector faults, CallCounters counters) {
        this.api = api;
        this.faults = faults;
        this.counters = counters;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        String requestId = Ids.requestId();
        String method = exchange.getRequestMethod();
        String rawPath = exchange.getRequestURI().getRawPath();
        String operation = method + " " + rawPath;
        String resource = "-";
        ApiResponse response;
        String outcome;
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            ApiRouter.Route route = ApiRouter.route(method, rawPath);
            operation = route.operation().name();
            if (route.id() != null) {
                resource = (route.operation() == ApiRouter.Operation.GetChange ? "change=" : "zone=") + route.id();
            }
            Route53Error fault = faults.next();
            if (fault != null) {
                counters.injected(fault);
                throw fault;
            }
            response = api.handle(new ApiRequest(route,
                    ApiRequest.parseQuery(exchange.getRequestURI().getRawQuery()), body));
            outcome = "OK";
        } catch (Route53Error e) {
            response = new ApiResponse(e.httpStatus(), Map.of(), ResponseXmlWriter.error(e, requestId));
            outcome = e.code() + ": " + e.getMessage();
        } catch (RuntimeException e) {
            LOG.error("route53-emulator: {} failed", operation, e);
            Route53Error internal = new Route53Error("InternalFailure", 500, "Internal error: " + e);
            response = new ApiResponse(500, Map.of(), ResponseXmlWriter.error(internal, requestId));
            outcome = "InternalFailure";
        }
        counters.served(operation);
        try {
            send(exchange, response, requestId);
        } finally {
            LOG.info("route53-emulator: {} {} -> {} {} ({} ms)", operation, resource, response.status(), outcome,
                    (System.nanoTime() - started) / 1_000_000);
            exchange.close();
        }
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
