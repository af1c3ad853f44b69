package io.handoff.client;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Follows one application's events on the planner's {@code GET /applications/{name}/events} stream, on one daemon
 * thread, and hands each to a consumer in the stream's order. When the planner cannot be reached or the stream
 * ends, it says why once (WARNING, never with credentials) and tries again with a backoff (0.5 s doubling to
 * 10 s); it says so again (INFO) once it follows the stream again.
 */
final class EventFollower implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EventFollower.class.getName());
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration LAST_RETRY = Duration.ofSeconds(10);

    private final URI stream;
    private final String application;
    private final Supplier<String> authorization;
    private final Consumer<MasterEvent> events;
    private final Supplier<String> whereWritesGo;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean connected;
    private volatile Stream<String> body;
    private boolean outage;

    /**
     * @param planner       the planner's base URI
     * @param authorization the {@code Authorization} header's value, asked at each connection (null: none)
     * @param whereWritesGo for the log: where writes go while the stream is down
     */
    EventFollower(URI planner, String application, Supplier<String> authorization, Consumer<MasterEvent> events,
            Supplier<String> whereWritesGo) {
        String base = planner.toString().replaceAll("/+$", "");
        this.stream = URI.create(base + "/applications/"
                + URLEncoder.encode(application, StandardCharsets.UTF_8).replace("+", "%20") + "/events");
        this.application = application;
        this.authorization = authorization;
        this.events = events;
        this.whereWritesGo = whereWritesGo;
        this.thread = new Thread(this::run, "handoff-events-" + application);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    boolean connected() {
        return connected;
    }

    private void run() {
        Duration retry = FIRST_RETRY;
        while (running) {
            String why;
            try {
                follow();
                why = "the planner ended the stream";
            } catch (IOException | RuntimeException e) {
                why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            } catch (InterruptedException e) {
                return;
            }
            if (connected) {
                retry = FIRST_RETRY; // it had followed the stream: try again soon
            }
            down(why);
            try {
                Thread.sleep(retry.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
        }
    }

    private void follow() throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(stream).header("Accept", "text/event-stream").GET();
        String header = authorization.get();
        if (header != null) {
            request.header("Authorization", header);
        }
        HttpResponse<Stream<String>> response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " from " + stream);
            }
            body = lines;
            SseParser parser = new SseParser(this::received);
            lines.forEach(line -> {
                if (!running) {
                    throw new IllegalStateException("closed");
                }
                parser.line(line);
            });
        } finally {
            body = null;
        }
    }

    private void received(SseParser.Event event) {
        if (event.name().equals("ready")) {
            connected = true;
            if (outage) {
                outage = false;
                LOG.log(Level.INFO, "handoff: application {0} follows the planner''s events again ({1})", application, stream);
            } else {
                LOG.log(Level.INFO, "handoff: application {0} follows the planner''s events ({1})", application, stream);
            }
            return;
        }
        if (!event.name().equals("application-event")) {
            return;
        }
        try {
            events.accept(MasterEvents.parse(event.data()));
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "handoff: application {0}: an event it cannot read was skipped ({1})", application,
                    e.getMessage());
        }
    }

    private void down(String why) {
        connected = false;
        if (running && !outage) {
            outage = true;
            LOG.log(Level.WARNING, "handoff: application {0} cannot follow the planner''s events ({1}): {2}; its writes go"
                    + " to {3} until the stream is back, and no statement is held longer than the budget", application,
                    stream, why, whereWritesGo.get());
        }
    }

    @Override
    public void close() {
        running = false;
        Stream<String> open = body;
        if (open != null) {
            open.close();
        }
        thread.interrupt();
    }
}
