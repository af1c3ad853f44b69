package io.handoff.route53emu;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

class DnsAnswererTest {

    private ZoneStore store;
    private String zoneId;
    private DnsAnswerer answerer;

    @BeforeEach
    void zone() {
        store = new ZoneStore(Clock.systemUTC(), Duration.ZERO);
        zoneId = store.createZone("example.", "ref", null, false).zone().id();
        answerer = new DnsAnswerer(store::snapshot, new Random(42));
    }

    private void upsert(RecordSet... sets) {
        store.applyBatch(zoneId, java.util.Arrays.stream(sets).map(rs -> new Change(ChangeAction.UPSERT, rs)).toList(),
                null);
    }

    private Message ask(String name, int type) throws Exception {
        return answerer.answer(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
    }

    private static List<String> answers(Message m) {
        return m.getSection(Section.ANSWER).stream().map(Record::rdataToString).toList();
    }

    @Test
    void answersAuthoritativelyWithCurrentTtlAndValues() throws Exception {
        upsert(RecordSet.simple("db.example.", "A", 42, List.of("10.0.0.1", "10.0.0.2")));

        Message m = ask("DB.Example.", Type.A);

        assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(m.getQuestion().getName().toString()).isEqualTo("DB.Example.");
        assertThat(answers(m)).containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2");
        assertThat(m.getSection(Section.ANSWER)).allSatisfy(r -> assertThat(r.getTTL()).isEqualTo(42));
    }

    @Test
    void negativeAnswersCarryTheSoa() throws Exception {
        upsert(RecordSet.simple("a.b.example.", "A", 60, List.of("10.0.0.1")));

        Message nx = ask("nothing.example.", Type.A);
        Message nodata = ask("a.b.example.", Type.AAAA);
        Message emptyNonTerminal = ask("b.example.", Type.A);

        assertThat(nx.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(nx.getSection(Section.AUTHORITY)).singleElement()
                .satisfies(r -> assertThat(r.getType()).isEqualTo(Type.SOA));
        assertThat(nodata.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(nodata.getSection(Section.ANSWER)).isEmpty();
        assertThat(emptyNonTerminal.getRcode()).isEqualTo(Rcode.NOERROR);
    }

    @Test
    void namesOutsideAllZonesAreRefused() throws Exception {
        Message m = ask("example.com.", Type.A);

        assertThat(m.getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(m.getHeader().getFlag(Flags.AA)).isFalse();
    }

    @Test
    void cnameChainsAreFollowedInsideZonesOnly() throws Exception {
        upsert(RecordSet.simple("target.example.", "A", 30, List.of("10.9.9.9")),
                RecordSet.simple("db.example.", "CNAME", 5, List.of("target.example.")),
                RecordSet.simple("ext.example.", "CNAME", 5, List.of("aurora.rds.amazonaws.com")));

        assertThat(answers(ask("db.example.", Type.A))).containsExactly("target.example.", "10.9.9.9");
        assertThat(answers(ask("db.example.", Type.CNAME))).containsExactly("target.example.");
        assertThat(answers(ask("ext.example.", Type.A))).containsExactly("aurora.rds.amazonaws.com.");
    }

    @Test
    void cnameLoopsStop() throws Exception {
        upsert(RecordSet.simple("a.example.", "CNAME", 5, List.of("b.example.")),
                RecordSet.simple("b.example.", "CNAME", 5, List.of("a.example.")));

        assertThat(ask("a.example.", Type.A).getSection(Section.ANSWER)).hasSizeLessThanOrEqualTo(
                DnsAnswerer.MAX_CHAIN + 2);
    }

    @Test
    void weightedSetsArePickedInProportionToWeight() throws Exception {
        upsert(new RecordSet("w.example.", "A", "blue", 1L, 60L, List.of("10.0.0.1"), null),
                new RecordSet("w.example.", "A", "green", 1L, 60L, List.of("10.0.0.2"), null),
                new RecordSet("w.example.", "A", "off", 0L, 60L, List.of("10.0.0.3"), null));

        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            List<String> a = answers(ask("w.example.", Type.A));
            assertThat(a).hasSize(1);
            seen.addAll(a);
        }

        assertThat(seen).containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2");
    }

    @Test
    void aliasesAnswerWithTheTargetsRecordsUnderTheAliasName() throws Exception {
        upsert(RecordSet.simple("target.example.", "A", 30, List.of("10.9.9.9")),
                new RecordSet("alias.example.", "A", null, null, null, List.of(),
                        new AliasTarget(zoneId, "target.example.", false)),
                new RecordSet("lb.example.", "A", null, null, null, List.of(),
                        new AliasTarget("Z35SXDOTRQ7X7K", "lb.elb.amazonaws.com.", false)));

        Message alias = ask("alias.example.", Type.A);
        Message outside = ask("lb.example.", Type.A);

        assertThat(alias.getSection(Section.ANSWER)).singleElement().satisfies(r -> {
            assertThat(r.getName().toString()).isEqualTo("alias.example.");
            assertThat(((ARecord) r).getAddress().getHostAddress()).isEqualTo("10.9.9.9");
            assertThat(r.getTTL()).isEqualTo(30);
        });
        assertThat(outside.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(outside.getSection(Section.ANSWER)).isEmpty();
    }

    @Test
    void txtValuesAreServedAsCharacterStrings() throws Exception {
        upsert(RecordSet.simple("t.example.", "TXT", 60, List.of("\"hello world\"")));

        assertThat(ask("t.example.", Type.TXT).getSection(Section.ANSWER)).singleElement()
                .satisfies(r -> assertThat(((TXTRecord) r).getStrings()).containsExactly("hello world"));
    }

    @Test
    void changesAreVisibleAsSoonAsTheyAreApplied() throws Exception {
        store.setInsyncDelay(Duration.ofHours(1));
        upsert(RecordSet.simple("db.example.", "A", 60, List.of("10.0.0.1")));
        upsert(RecordSet.simple("db.example.", "A", 60, List.of("10.0.0.2")));

        assertThat(answers(ask("db.example.", Type.A))).containsExactly("10.0.0.2");
    }
}
