package io.handoff.dns.route53;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * Warms the Route 53 client and the DNS resolver once at start-up, on a thread of its own, so the first
 * SWITCH_DNS of a flip (inside the write-blocked window) does not pay for building the SDK's HTTP client,
 * marshallers and signer (about 1.5 s measured in the demo). A failure changes nothing: the switch
 * itself reports any real problem.
 */
@ApplicationScoped
public class WarmUp {
    private static final Logger LOG = Logger.getLogger(WarmUp.class);

    private final Route53Client client;
    private final DnsAnswers answers;

    public WarmUp(Route53Client client, DnsAnswers answers) {
        this.client = client;
        this.answers = answers;
    }

    void onStart(@Observes StartupEvent started) {
        Thread warm = new Thread(this::warm, "route53-warm-up");
        warm.setDaemon(true);
        warm.start();
    }

    private void warm() {
        long start = System.nanoTime();
        try {
            client.listHostedZones(request -> request.maxItems("1"));
            answers.warmUp();
            LOG.infof("Route 53 client and DNS resolver warmed up in %d ms", (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.infof("Route 53 warm-up did not complete (%s); the first switch will build the client", e.getMessage());
        }
    }
}
