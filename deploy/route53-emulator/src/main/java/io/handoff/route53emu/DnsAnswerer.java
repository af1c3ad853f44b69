package io.handoff.route53emu;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Answers DNS queries from the current {@link DnsSnapshot}, as an authoritative server for the emulated
 * zones would:
 * <ul>
 *   <li>names outside every zone: {@code REFUSED};</li>
 *   <li>unknown names inside a zone: {@code NXDOMAIN} with the zone's SOA in the authority section;
 *       names that exist without the asked type (or empty non-terminals): {@code NOERROR} without answers,
 *       SOA in authority;</li>
 *   <li>a query for another type on a CNAME name: the CNAME, followed by the target's answers when the
 *       target lies in an emulated zone (chains up to {@value #MAX_CHAIN} deep);</li>
 *   <li>weighted record sets: one set is picked at random in proportion to its weight (all weights zero:
 *       uniformly), per query;</li>
 *   <li>alias record sets: the alias target's records of the same type, renamed to the queried name, when
 *       the target lies in an emulated zone; nothing otherwise.</li>
 * </ul>
 * Answers carry the record sets' current TTLs; the AA flag is set for names in a zone. Wildcard records
 * are stored but not synthesized into answers.
 */
final class DnsAnswerer {

    static final int MAX_CHAIN = 8;

    private static final Logger LOG = LoggerFactory.getLogger(DnsAnswerer.class);

    private enum Outcome { ANSWERED, NODATA, NXDOMAIN, OUTSIDE }

    private final Supplier<DnsSnapshot> snapshots;
    private final Random random;

    /**
     * @param snapshots supplies the current view for each query
     * @param random    picks among weighted record sets
     */
    DnsAnswerer(Supplier<DnsSnapshot> snapshots, Random random) {
        this.snapshots = snapshots;
        this.random = random;
    }

    /** Builds the response to {@code query}; never null. */
    Message answer(Message query) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setOpcode(query.getHeader().getOpcode());
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        if (query.getHeader().getOpcode() != Opcode.QUERY) {
            response.getHeader().setRcode(Rcode.NOTIMP);
            return response;
        }
        Record question = query.getQuestion();
        if (question == null) {
            response.getHeader().setRcode(Rcode.FORMERR);
            return response;
        }
        response.addRecord(question, Section.QUESTION);
        DnsSnapshot snapshot = snapshots.get();
        String qname = DnsNames.normalize(question.getName().toString());
        DnsSnapshot.ZoneView zone = snapshot.zoneFor(qname);
        if (zone == null || (question.getDClass() != DClass.IN && question.getDClass() != DClass.ANY)) {
            response.getHeader().setRcode(Rcode.REFUSED);
            return response;
        }
        response.getHeader().setFlag(Flags.AA);
        List<Record> answers = new ArrayList<>();
        Outcome outcome = resolve(snapshot, qname, question.getName(), question.getType(), answers, 0);
        answers.forEach(r -> response.addRecord(r, Section.ANSWER));
        if (outcome == Outcome.NXDOMAIN) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
        }
        if (answers.isEmpty()) {
            Record soa = negativeSoa(zone);
            if (soa != null) {
                response.addRecord(soa, Section.AUTHORITY);
            }
        }
        return response;
    }

    private Outcome resolve(DnsSnapshot snapshot, String name, Name owner, int type, List<Record> out, int depth) {
        DnsSnapshot.ZoneView zone = snapshot.zoneFor(name);
        if (zone == null || depth > MAX_CHAIN) {
            return Outcome.OUTSIDE;
        }
        List<RecordSet> sets = zone.at(name);
        if (sets.isEmpty()) {
            return zone.hasNamesBelow(name) ? Outcome.NODATA : Outcome.NXDOMAIN;
        }
        Map<String, List<RecordSet>> byType = new LinkedHashMap<>();
        for (RecordSet rs : sets) {
            byType.computeIfAbsent(rs.type(), k -> new ArrayList<>()).add(rs);
        }
        if (type == Type.ANY) {
            byType.values().forEach(group -> addSet(snapshot, pick(group), owner, type, out, depth));
            return Outcome.ANSWERED;
        }
        List<RecordSet> ofType = byType.get(Type.string(type));
        if (ofType != null) {
            addSet(snapshot, pick(ofType), owner, type, out, depth);
            return Outcome.ANSWERED;
        }
        List<RecordSet> cname = byType.get("CNAME");
        if (cname != null) {
            addSet(snapshot, pick(cname), owner, type, out, depth);
            return Outcome.ANSWERED;
        }
        return Outcome.NODATA;
    }

    /** Adds one record set's records for {@code owner}, following aliases and CNAME targets. */
    private void addSet(DnsSnapshot snapshot, RecordSet rs, Name owner, int qtype, List<Record> out, int depth) {
        int rsType = Type.value(rs.type());
        if (rs.isAlias()) {
            String target = rs.aliasTarget().dnsName();
            Name targetName = name(target);
            List<Record> targetRecords = new ArrayList<>();
            resolve(snapshot, target, targetName, rsType, targetRecords, depth + 1);
            for (Record r : targetRecords) {
                out.add(r.getName().equals(targetName) ? r.withName(owner) : r);
            }
            return;
        }
        for (String value : rs.values()) {
            try {
                out.add(Record.fromString(owner, rsType, DClass.IN, rs.ttl(), value, Name.root));
            } catch (IOException | RuntimeException e) {
                LOG.debug("route53-emulator: cannot serve {} {} value {}: {}", rs.name(), rs.type(), value,
                        e.toString());
            }
        }
        if (rsType == Type.CNAME && qtype != Type.CNAME && qtype != Type.ANY && !rs.values().isEmpty()) {
            String target = DnsNames.normalize(rs.values().get(0));
            resolve(snapshot, target, name(target), qtype, out, depth + 1);
        }
    }

    /** One record set of a group sharing name and type: the only one, or a weighted random choice. */
    private RecordSet pick(List<RecordSet> group) {
        if (group.size() == 1) {
            return group.get(0);
        }
        long total = 0;
        for (RecordSet rs : group) {
            total += rs.weight() == null ? 0 : rs.weight();
        }
        if (total == 0) {
            return group.get(random.nextInt(group.size()));
        }
        long r = (long) (random.nextDouble() * total);
        for (RecordSet rs : group) {
            r -= rs.weight() == null ? 0 : rs.weight();
            if (r < 0) {
                return rs;
            }
        }
        return group.get(group.size() - 1);
    }

    private Record negativeSoa(DnsSnapshot.ZoneView zone) {
        for (RecordSet rs : zone.at(zone.name())) {
            if (rs.type().equals("SOA") && !rs.values().isEmpty()) {
                try {
                    SOARecord soa = (SOARecord) Record.fromString(name(zone.name()), Type.SOA, DClass.IN, rs.ttl(),
                            rs.values().get(0), Name.root);
                    long ttl = Math.min(soa.getTTL(), soa.getMinimum());
                    return Record.fromString(soa.getName(), Type.SOA, DClass.IN, ttl, rs.values().get(0), Name.root);
                } catch (IOException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static Name name(String normalized) {
        try {
            return Name.fromString(normalized);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("bad DNS name " + normalized, e);
        }
    }
}
