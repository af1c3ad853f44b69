package io.handoff.route53emu;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * The emulator's state: hosted zones, their record sets and the submitted changes. Thread-safe: one lock
 * guards every read and write; the DNS server reads the lock-free {@link #snapshot()} instead.
 *
 * <p>Propagation model: a change batch is applied to the records, and so becomes visible over DNS, the
 * moment it is accepted. Its {@link ChangeInfo} reports {@code PENDING} until the in-sync delay that was
 * configured at submission time has elapsed, then {@code INSYNC}; the status says nothing about what DNS
 * answers. (Real Route 53 name servers pick a change up somewhere within that window; answering with the
 * new records at once is the earliest behaviour that Route 53 allows and keeps tests deterministic.)
 */
final class ZoneStore {

    static final long SOA_TTL = 900;
    static final long NS_TTL = 172_800;

    private static final Pattern LABEL = Pattern.compile("(\\\\052|[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)");

    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Zone> zones = new LinkedHashMap<>();
    private final Map<String, String> zoneIdByCallerReference = new HashMap<>();
    private final Map<String, ChangeInfo> changes = new HashMap<>();
    private volatile Duration insyncDelay;
    private volatile DnsSnapshot snapshot = DnsSnapshot.EMPTY;

    ZoneStore(Clock clock, Duration insyncDelay) {
        this.clock = Objects.requireNonNull(clock, "clock");
        setInsyncDelay(insyncDelay);
    }

    /** A zone created together with the change that created it. */
    record CreatedZone(HostedZone zone, ChangeInfo change) {
    }

    /** Sets the delay after which changes submitted from now on report {@code INSYNC}. */
    void setInsyncDelay(Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("in-sync delay must be zero or positive: " + delay);
        }
        this.insyncDelay = delay;
    }

    Duration insyncDelay() {
        return insyncDelay;
    }

    Instant now() {
        return clock.instant();
    }

    /** The current DNS view; replaced atomically on every change. */
    DnsSnapshot snapshot() {
        return snapshot;
    }

    /**
     * Creates a zone with its SOA and NS record sets, as Route 53 does.
     *
     * @throws Route53Error {@code HostedZoneAlreadyExists} if the caller reference was used before,
     *                      {@code InvalidDomainName} if the name is not a valid domain name
     */
    CreatedZone createZone(String name, String callerReference, String comment, boolean privateZone) {
        String zoneName = validZoneName(name);
        lock.lock();
        try {
            if (zoneIdByCallerReference.containsKey(callerReference)) {
                throw Route53Error.hostedZoneAlreadyExists(zoneName, callerReference);
            }
            List<String> nameServers = newDelegationSet();
            HostedZone zone = new HostedZone(Ids.zoneId(), zoneName, callerReference, comment, privateZone,
                    nameServers);
            Zone entry = new Zone(zone);
            List<String> nsValues = nameServers.stream().map(ns -> ns + ".").toList();
            RecordSet soa = RecordSet.simple(zoneName, "SOA", SOA_TTL, List.of(nsValues.get(0)
                    + " awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400"));
            RecordSet ns = RecordSet.simple(zoneName, "NS", NS_TTL, nsValues);
            entry.records.put(soa.key(), soa);
            entry.records.put(ns.key(), ns);
            zones.put(zone.id(), entry);
            zoneIdByCallerReference.put(callerReference, zone.id());
            ChangeInfo change = newChange(null);
            publish();
            return new CreatedZone(zone, change);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Deletes a zone that holds nothing but its apex SOA and NS record sets.
     *
     * @throws Route53Error {@code NoSuchHostedZone}, {@code HostedZoneNotEmpty}
     */
    ChangeInfo deleteZone(String zoneId) {
        lock.lock();
        try {
            Zone zone = require(zoneId);
            if (zone.records.size() > 2) {
                throw Route53Error.hostedZoneNotEmpty(zoneId);
            }
            zones.remove(zoneId);
            zoneIdByCallerReference.remove(zone.zone.callerReference());
            ChangeInfo change = newChange(null);
            publish();
            return change;
        } finally {
            lock.unlock();
        }
    }

    /** @throws Route53Error {@code NoSuchHostedZone} */
    HostedZone zone(String zoneId) {
        lock.lock();
        try {
            return require(zoneId).zone;
        } finally {
            lock.unlock();
        }
    }

    /** The number of record sets in the zone. @throws Route53Error {@code NoSuchHostedZone} */
    int recordSetCount(String zoneId) {
        lock.lock();
        try {
            return require(zoneId).records.size();
        } finally {
            lock.unlock();
        }
    }

    /** All zones in creation order. */
    List<HostedZone> zones() {
        lock.lock();
        try {
            return zones.values().stream().map(z -> z.zone).toList();
        } finally {
            lock.unlock();
        }
    }

    /** The zone's record sets in Route 53 order. @throws Route53Error {@code NoSuchHostedZone} */
    List<RecordSet> recordSets(String zoneId) {
        lock.lock();
        try {
            return new ArrayList<>(require(zoneId).records.values());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Validates and applies a change batch atomically: either every change is applied or, if any change
     * is invalid, none.
     *
     * @return the new change, status {@code PENDING} at submission
     * @throws Route53Error {@code NoSuchHostedZone}, {@code InvalidInput} or {@code InvalidChangeBatch}
     */
    ChangeInfo applyBatch(String zoneId, List<Change> batch, String comment) {
        ChangeBatchValidator.checkShape(batch);
        lock.lock();
        try {
            Zone zone = require(zoneId);
            TreeMap<RecordSet.Key, RecordSet> result = ChangeBatchValidator.apply(zone.zone.name(), zone.records,
                    batch);
            zone.records = result;
            ChangeInfo change = newChange(comment);
            publish();
            return change;
        } finally {
            lock.unlock();
        }
    }

    /** @throws Route53Error {@code NoSuchChange} */
    ChangeInfo change(String changeId) {
        lock.lock();
        try {
            ChangeInfo change = changes.get(changeId);
            if (change == null) {
                throw Route53Error.noSuchChange(changeId);
            }
            return change;
        } finally {
            lock.unlock();
        }
    }

    private Zone require(String zoneId) {
        Zone zone = zones.get(zoneId);
        if (zone == null) {
            throw Route53Error.noSuchHostedZone(zoneId);
        }
        return zone;
    }

    private ChangeInfo newChange(String comment) {
        Instant now = clock.instant();
        ChangeInfo change = new ChangeInfo(Ids.changeId(), now, now.plus(insyncDelay), comment);
        changes.put(change.id(), change);
        return change;
    }

    private void publish() {
        List<DnsSnapshot.ZoneView> views = new ArrayList<>();
        for (Zone z : zones.values()) {
            views.add(new DnsSnapshot.ZoneView(z.zone.id(), z.zone.name(), z.records.values()));
        }
        snapshot = new DnsSnapshot(views);
    }

    private static String validZoneName(String name) {
        String n;
        try {
            n = DnsNames.normalize(name);
        } catch (IllegalArgumentException e) {
            throw Route53Error.invalidDomainName(String.valueOf(name));
        }
        if (n.equals(".") || n.length() > 255) {
            throw Route53Error.invalidDomainName(name);
        }
        for (String label : n.substring(0, n.length() - 1).split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw Route53Error.invalidDomainName(name);
            }
        }
        return n;
    }

    private static List<String> newDelegationSet() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String[] tlds = {"com", "net", "org", "co.uk"};
        List<String> out = new ArrayList<>();
        for (int i = 0; i < tlds.length; i++) {
            int n = r.nextInt(512) + 512 * i;
            out.add("ns-" + n + ".awsdns-" + String.format("%02d", r.nextInt(64)) + "." + tlds[i]);
        }
        return out;
    }

    /** A zone and its record sets; {@code records} is replaced wholesale by each accepted batch. */
    private static final class Zone {
        final HostedZone zone;
        TreeMap<RecordSet.Key, RecordSet> records = new TreeMap<>();

        Zone(HostedZone zone) {
            this.zone = zone;
        }
    }
}
