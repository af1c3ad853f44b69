package io.handoff.dns.config;

import io.handoff.common.cluster.Secret;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How dns-service reaches Route 53 ({@code handoff.route53.*}). Against AWS nothing needs to be set: the
 * default region is the global one Route 53 lives in, and credentials come from the default AWS chain.
 */
@ConfigMapping(prefix = "handoff.route53")
public interface Route53Config {

    /** API endpoint to use instead of AWS's (the local emulator, LocalStack); absent against AWS. */
    Optional<URI> endpointOverride();

    /** Signing region; Route 53 is global, so {@code aws-global}. */
    @WithDefault("aws-global")
    String region();

    /** First wait between two GetChange polls while a change is PENDING; doubled after each poll. */
    @WithDefault("50ms")
    Duration insyncPollInitial();

    /** Longest wait between two GetChange polls. */
    @WithDefault("1s")
    Duration insyncPollMax();

    /** Static access key id; given together with {@link #secretAccessKey()} or not at all. */
    Optional<String> accessKeyId();

    /** Static secret access key; masked whenever printed, never logged. */
    Optional<Secret> secretAccessKey();

    /**
     * {@code host:port} (port 53 when omitted) of a DNS server answering for the hosted zones: in the local
     * stack the emulator's, set next to the endpoint override. When set, a DNS step is confirmed only once
     * this server answers every switched plain record with its new value (after INSYNC and a read-back).
     * When absent the DNS check is off: against real AWS, set it to one of the zones' Route 53 name servers
     * (or a resolver that asks them) to turn it on.
     */
    Optional<String> dnsServer();
}
