package io.handoff.common.cluster;

import java.util.List;

/** A plan or command names a cluster that the registry of this service does not hold. */
public final class UnknownClusterException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String cluster;
    private final List<String> knownClusters;

    /** Creates the exception for {@code cluster}, listing the clusters that are known. */
    public UnknownClusterException(String cluster, List<String> knownClusters) {
        super("Unknown cluster '" + cluster + "'; known clusters: "
                + (knownClusters.isEmpty() ? "none (configure handoff.clusters.<name>.*)" : String.join(", ", knownClusters)));
        this.cluster = cluster;
        this.knownClusters = List.copyOf(knownClusters);
    }

    /** The name that was asked for. */
    public String cluster() {
        return cluster;
    }

    /** The names the registry holds, sorted. */
    public List<String> knownClusters() {
        return knownClusters;
    }
}
