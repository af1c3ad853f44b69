package io.handoff.common.cluster;

import io.handoff.common.Require;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The clusters a service knows, by name. Built once from configuration and then read-only; a plan
 * that names a cluster outside it is refused with {@link UnknownClusterException}.
 *
 * @param clusters clusters by name; each key must equal its spec's {@link ClusterSpec#name()}
 */
public record ClusterRegistry(Map<String, ClusterSpec> clusters) {

    /** Validates that keys match names, and copies the map (sorted by name, unmodifiable). */
    public ClusterRegistry {
        Require.nonNull(clusters, "ClusterRegistry.clusters");
        TreeMap<String, ClusterSpec> copy = new TreeMap<>();
        clusters.forEach((name, spec) -> {
            Require.nonNull(spec, "ClusterRegistry.clusters[" + name + "]");
            if (!spec.name().equals(name)) {
                throw new IllegalArgumentException("ClusterRegistry.clusters: key '" + name
                        + "' holds the cluster named '" + spec.name() + "'");
            }
            copy.put(name, spec);
        });
        clusters = Collections.unmodifiableMap(copy);
    }

    /** A registry of the given clusters, keyed by their names; a name given twice is refused. */
    public static ClusterRegistry of(ClusterSpec... specs) {
        TreeMap<String, ClusterSpec> byName = new TreeMap<>();
        Arrays.stream(specs).forEach(spec -> {
            if (byName.put(Require.nonNull(spec, "ClusterRegistry cluster").name(), spec) != null) {
                throw new IllegalArgumentException("ClusterRegistry: cluster '" + spec.name() + "' is given twice");
            }
        });
        return new ClusterRegistry(byName);
    }

    /** The cluster called {@code name}, or an {@link UnknownClusterException} listing the known ones. */
    public ClusterSpec require(String name) {
        ClusterSpec spec = name == null ? null : clusters.get(name);
        if (spec == null) {
            throw new UnknownClusterException(name, names());
        }
        return spec;
    }

    /** The cluster called {@code name}, if known. */
    public Optional<ClusterSpec> find(String name) {
        return Optional.ofNullable(name == null ? null : clusters.get(name));
    }

    /** The known cluster names, sorted. */
    public List<String> names() {
        return List.copyOf(clusters.keySet());
    }
}
