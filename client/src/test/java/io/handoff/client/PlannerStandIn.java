package io.handoff.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The planner's {@code GET /applications/{name}/events} wire format, as the planner serves it (Quarkus's framing:
 * {@code content-type}, {@code id}, {@code event}, {@code data} lines), for the library's own tests: the real
 * planner's stream is tested with the library in {@code deploy/demo}'s EventFollowingIT. Every subscriber gets the
 * events sent so far, then new ones. Requires HTTP basic auth with {@link #USER}.
 */
final class PlannerStandIn implements AutoCloseable {
    static final String USER = "orders-app";
    static final String PASSWORD = "orders-app-password";

    private final HttpServer server;
    private final List<String> sent = new ArrayList<>();
    private final List<BlockingQueue<String>> subscribers = new CopyOnWriteArrayList<>();

    PlannerStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "planner-stand-in");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/applications/orders/events", this::stream);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Publishes an event of {@code kind} for {@code orders}; returns its JSON. */
    String send(long epoch, MasterEvent.Kind kind, Endpoint source, Endpoint target, Instant occurredAt) {
        String json = String.format("{\"eventType\":\"handoff.application-event\",\"eventId\":\"%s\",\"planId\":\"plan-%d\","
                + "\"occurredAt\":\"%s\",\"schemaVersion\":1,\"kind\":\"%s\",\"application\":\"orders\",\"fencingEpoch\":%d,"
                + "\"source\":{\"host\":\"%s\",\"port\":%d},\"target\":{\"host\":\"%s\",\"port\":%d}}", UUID.randomUUID(), epoch,
                occurredAt, kind, epoch, source.host(), source.port(), target.host(), target.port());
        sendRaw(json);
        return json;
    }

    /** Publishes {@code json} as it is (a replay of an earlier event). */
    synchronized void sendRaw(String json) {
        sent.add(json);
        subscribers.forEach(queue -> queue.add(json));
    }

    private void stream(HttpExchange exchange) throws IOException {
        String expected = "Basic " + java.util.Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
            return;
        }
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        synchronized (this) {
            queue.addAll(sent);
            subscribers.add(queue);
        }
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream body = exchange.getResponseBody()) {
            write(body, "content-type:application/json\nevent:ready\ndata:{\"application\":\"orders\"}\n\n");
            while (true) {
                String json = queue.poll(200, TimeUnit.MILLISECONDS);
                if (json != null) {
                    write(body, "content-type:application/json\nid:" + UUID.randomUUID() + "\nevent:application-event\ndata:"
                            + json + "\n\n");
                } else {
                    write(body, ":\n"); // a comment: finds a client that went away
                }
            }
        } catch (IOException | InterruptedException e) {
            // The client went away, or the stand-in stops.
        } finally {
            subscribers.remove(queue);
        }
    }

    private static void write(OutputStream body, String text) throws IOException {
        body.write(text.getBytes(StandardCharsets.UTF_8));
        body.flush();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
