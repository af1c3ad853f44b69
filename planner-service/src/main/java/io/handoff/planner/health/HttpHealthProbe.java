package io.handoff.planner.health;

import io.handoff.planner.plan.HealthProbe;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Probes health checks with the JDK's HTTP client: a GET without redirects, the body discarded, each
 * request bounded by its timeout. Asynchronous: the answer arrives on the client's executor, never on
 * the caller's thread.
 */
@ApplicationScoped
public class HttpHealthProbe implements HealthProbe {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final Clock clock = Clock.systemUTC();

    @Override
    public void probe(URI url, Duration timeout, Consumer<Result> done) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
        } catch (IllegalArgumentException e) {
            done.accept(new Result(null, "unusable URL: " + e.getMessage(), clock.instant()));
            return;
        }
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure == null) {
                done.accept(new Result(response.statusCode(), null, clock.instant()));
            } else {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                String message = cause.getMessage() == null || cause.getMessage().isBlank() ? "" : ": " + cause.getMessage();
                done.accept(new Result(null, cause.getClass().getSimpleName() + message, clock.instant()));
            }
        });
    }
}
