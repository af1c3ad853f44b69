package io.handoff.localstack;

import java.time.Duration;

/**
 * The RDS emulator's set-up in the local stack: each database server fronted as an Aurora cluster whose
 * application endpoint ({@code stack.rds().applicationEndpoint(id)}) admits applications while the
 * cluster is in {@link #APPLICATION_GROUP} and refuses them while it is only in {@link #RESTRICTED_GROUP}.
 * The two endpoints listen on their own loopback addresses ({@link #SOURCE_ENDPOINT_HOST},
 * {@link #TARGET_ENDPOINT_HOST}) and share one port, as the servers behind them do, so that a DNS record
 * alone decides which endpoint an application reaches. The services' own connections go to the servers
 * directly. The service configuration ({@link StackCoordinates#toProperties()}) names these under
 * {@code handoff.rds.clusters.<name>.*}.
 */
public final class StackRds {
    /** Cluster identifier of the {@code source} server. */
    public static final String SOURCE_CLUSTER_ID = "handoff-source";
    /** Cluster identifier of the {@code target} server. */
    public static final String TARGET_CLUSTER_ID = "handoff-target";
    /** Address of the application endpoint of {@link #SOURCE_CLUSTER_ID} (its server is on 127.0.0.2). */
    public static final String SOURCE_ENDPOINT_HOST = "127.0.1.2";
    /** Address of the application endpoint of {@link #TARGET_CLUSTER_ID} (its server is on 127.0.0.3). */
    public static final String TARGET_ENDPOINT_HOST = "127.0.1.3";
    /** The group that admits the applications' network; both clusters start in it. */
    public static final String APPLICATION_GROUP = "sg-0handoffapps";
    /** The restricted group: admits only administrators, who connect directly. */
    public static final String RESTRICTED_GROUP = "sg-0handoffrestricted";
    /** How long a change stays {@code modifying}/{@code creating} before it is in effect. */
    public static final Duration TRANSITION_DELAY = Duration.ofMillis(300);

    private StackRds() {
    }
}
