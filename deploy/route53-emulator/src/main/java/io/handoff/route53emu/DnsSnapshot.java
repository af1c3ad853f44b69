package io.handoff.route53emu;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * An immutable picture of every zone's record sets, as the DNS server answers from it. The
 * {@link ZoneStore} builds a new snapshot whenever a zone or its records change and publishes it
 * atomically, so a DNS query sees either all or none of a change batch.
 */
final class DnsSnapshot {

    static final DnsSnapshot EMPTY = new DnsSnapshot(List.of());

    private final List<ZoneView> zones;

    DnsSnapshot(List<ZoneView> zones) {
        this.zones = List.copyOf(zones);
    }

    /**
     * The most specific zone containing {@code name} (normalized); among zones with the same name the one
     * created first. Null if the name is outside all zones.
     */
    ZoneView zoneFor(String name) {
        ZoneView best = null;
        for (ZoneView z : zones) {
            if (DnsNames.isInZone(name, z.name()) && (best == null || z.name().length() > best.name().length())) {
                best = z;
            }
        }
        return best;
    }

    /** The record sets of one zone, indexed by owner name. */
    static final class ZoneView {
        private final String id;
        private final String name;
        private final Map<String, List<RecordSet>> byName;
        private final NavigableSet<String> names;

        ZoneView(String id, String name, Collection<RecordSet> recordSets) {
            this.id = id;
            this.name = name;
            Map<String, List<RecordSet>> map = new LinkedHashMap<>();
            for (RecordSet rs : recordSets) {
                map.computeIfAbsent(rs.name(), k -> new ArrayList<>()).add(rs);
            }
            map.replaceAll((k, v) -> List.copyOf(v));
            this.byName = Map.copyOf(map);
            this.names = new TreeSet<>(DnsNames.REVERSED_LABEL_ORDER);
            this.names.addAll(map.keySet());
        }

        String id() {
            return id;
        }

        String name() {
            return name;
        }

        /** All record sets owned by {@code name}; empty if none. */
        List<RecordSet> at(String name) {
            return byName.getOrDefault(name, List.of());
        }

        /** True if some record set is owned by a name strictly below {@code name} (an empty non-terminal). */
        boolean hasNamesBelow(String name) {
            String next = names.higher(name);
            return next != null && DnsNames.isBelow(next, name);
        }
    }
}
