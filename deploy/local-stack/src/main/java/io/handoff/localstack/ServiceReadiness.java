package io.handoff.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Whether a service the stack started answers its readiness check ({@code /q/health/ready} 200). */
public final class ServiceReadiness {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ServiceReadiness() {
    }

    /** {@code true} when the service at {@code base} ({@code http://host:port}) answers ready; false while it cannot be reached. */
    public static boolean ready(URI base) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(base.resolve("/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
