package io.handoff.route53emu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ChangeBatchValidatorTest {

    private static final String ZONE = "example.";
    private static final RecordSet SOA = RecordSet.simple(ZONE, "SOA", 900,
            List.of("ns-1.awsdns-01.com. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400"));
    private static final RecordSet NS = RecordSet.simple(ZONE, "NS", 172800, List.of("ns-1.awsdns-01.com."));
    private static final RecordSet DB = RecordSet.simple("db.example.", "CNAME", 5, List.of("old.example.com."));

    private static Map<RecordSet.Key, RecordSet> zone(RecordSet... extra) {
        Map<RecordSet.Key, RecordSet> m = new TreeMap<>();
        for (RecordSet rs : List.of(SOA, NS)) {
            m.put(rs.key(), rs);
        }
        for (RecordSet rs : extra) {
            m.put(rs.key(), rs);
        }
        return m;
    }

    private static Change change(ChangeAction action, RecordSet rs) {
        return new Change(action, rs);
    }

    private static Route53Error rejected(Map<RecordSet.Key, RecordSet> current, Change... changes) {
        try {
            ChangeBatchValidator.apply(ZONE, current, List.of(changes));
        } catch (Route53Error e) {
            assertThat(e.code()).isEqualTo("InvalidChangeBatch");
            return e;
        }
        throw new AssertionError("batch was accepted");
    }

    @Test
    void upsertCreatesAndReplaces() {
        RecordSet newer = RecordSet.simple("db.example.", "CNAME", 5, List.of("new.example.com."));

        assertThat(ChangeBatchValidator.apply(ZONE, zone(), List.of(change(ChangeAction.UPSERT, DB))))
                .containsEntry(DB.key(), DB);
        assertThat(ChangeBatchValidator.apply(ZONE, zone(DB), List.of(change(ChangeAction.UPSERT, newer))))
                .containsEntry(DB.key(), newer).hasSize(3);
    }

    @Test
    void createOfExistingRecordIsRejected() {
        assertThat(rejected(zone(DB), change(ChangeAction.CREATE, DB)).getMessage())
                .isEqualTo("[Tried to create resource record set [name='db.example.', type='CNAME'] but it already exists]");
    }

    @Test
    void deleteNeedsExactlyTheCurrentTtlAndValues() {
        assertThat(rejected(zone(), change(ChangeAction.DELETE, DB)).getMessage())
                .contains("[name='db.example.', type='CNAME'] but it was not found");
        assertThat(rejected(zone(DB), change(ChangeAction.DELETE,
                RecordSet.simple("db.example.", "CNAME", 60, List.of("old.example.com.")))).getMessage())
                .contains("do not match the current values");
        assertThat(ChangeBatchValidator.apply(ZONE, zone(DB), List.of(change(ChangeAction.DELETE,
                RecordSet.simple("DB.Example", "CNAME", 5, List.of("OLD.example.com"))))))
                .doesNotContainKey(DB.key());
    }

    @Test
    void batchIsEvaluatedInOrderSoDeleteThenCreateSwaps() {
        RecordSet newer = RecordSet.simple("db.example.", "CNAME", 5, List.of("new.example.com."));

        TreeMap<RecordSet.Key, RecordSet> result = ChangeBatchValidator.apply(ZONE, zone(DB), List.of(
                change(ChangeAction.DELETE, DB), change(ChangeAction.CREATE, newer)));

        assertThat(result.get(DB.key())).isEqualTo(newer);
    }

    @Test
    void everyProblemOfTheBatchIsReportedAndTheInputIsUntouched() {
        Map<RecordSet.Key, RecordSet> current = zone(DB);
        Map<RecordSet.Key, RecordSet> copy = new TreeMap<>(current);

        Route53Error e = rejected(current,
                change(ChangeAction.UPSERT, RecordSet.simple("ok.example.", "A", 60, List.of("10.0.0.1"))),
                change(ChangeAction.DELETE, RecordSet.simple("gone.example.", "A", 60, List.of("10.0.0.1"))),
                change(ChangeAction.UPSERT, RecordSet.simple("x.other.", "A", 60, List.of("10.0.0.1"))));

        assertThat(e.getMessage()).contains("gone.example.").contains("not permitted in zone example.");
        assertThat(current).isEqualTo(copy);
    }

    @Test
    void cnameConflictsAndApexAreRejected() {
        assertThat(rejected(zone(DB), change(ChangeAction.CREATE,
                RecordSet.simple("db.example.", "A", 60, List.of("10.0.0.1")))).getMessage())
                .contains("conflicting RRSet of type CNAME");
        assertThat(rejected(zone(), change(ChangeAction.CREATE,
                RecordSet.simple(ZONE, "CNAME", 60, List.of("a.example.com.")))).getMessage())
                .contains("not permitted at apex");
        assertThat(rejected(zone(), change(ChangeAction.CREATE,
                RecordSet.simple("db.example.", "CNAME", 60, List.of("a.", "b.")))).getMessage())
                .contains("more than one value");
    }

    @Test
    void valuesOfATxtAndAaaaAreChecked() {
        assertThat(rejected(zone(), change(ChangeAction.UPSERT,
                RecordSet.simple("a.example.", "A", 60, List.of("10.0.0")))).getMessage())
                .contains("ARRDATAIllegalIPv4Address");
        assertThat(rejected(zone(), change(ChangeAction.UPSERT,
                RecordSet.simple("a.example.", "AAAA", 60, List.of("10.0.0.1")))).getMessage())
                .contains("AAAARRDATAIllegalIPv6Address");
        assertThat(rejected(zone(), change(ChangeAction.UPSERT,
                RecordSet.simple("t.example.", "TXT", 60, List.of("unquoted")))).getMessage())
                .contains("quotation marks");
    }

    @Test
    void weightedAndSimpleSetsDoNotMix() {
        RecordSet simple = RecordSet.simple("w.example.", "A", 60, List.of("10.0.0.1"));
        RecordSet blue = new RecordSet("w.example.", "A", "blue", 1L, 60L, List.of("10.0.0.2"), null);
        RecordSet green = new RecordSet("w.example.", "A", "green", 1L, 60L, List.of("10.0.0.3"), null);

        assertThat(rejected(zone(simple), change(ChangeAction.CREATE, blue)).getMessage())
                .contains("non-weighted set exists");
        assertThat(ChangeBatchValidator.apply(ZONE, zone(blue), List.of(change(ChangeAction.CREATE, green))))
                .containsKeys(blue.key(), green.key());
    }

    @Test
    void apexSoaAndNsCannotBeDeleted() {
        assertThat(rejected(zone(), change(ChangeAction.DELETE, NS)).getMessage())
                .contains("at least one NS record");
    }

    @Test
    void shapeProblemsAreInvalidInput() {
        assertShape(RecordSet.simple("a.example.", "A", 60, List.of()), "Expected exactly one of");
        assertShape(new RecordSet("a.example.", "A", null, null, 60L, List.of("10.0.0.1"),
                new AliasTarget("Z1", "b.example.", false)), "Expected exactly one of");
        assertShape(new RecordSet("a.example.", "A", "s", null, 60L, List.of("10.0.0.1"), null), "Weight");
        assertShape(new RecordSet("a.example.", "A", "s", 256L, 60L, List.of("10.0.0.1"), null), "Weight");
        assertShape(RecordSet.simple("a.example.", "A", -1, List.of("10.0.0.1")), "TTL");
        assertShape(RecordSet.simple("a.example.", "BOGUS", 60, List.of("x")), "unsupported record type");
        assertThatThrownBy(() -> ChangeBatchValidator.checkShape(List.of()))
                .isInstanceOfSatisfying(Route53Error.class, e -> assertThat(e.code()).isEqualTo("InvalidInput"));
    }

    private static void assertShape(RecordSet rs, String expected) {
        assertThatThrownBy(() -> ChangeBatchValidator.checkShape(List.of(new Change(ChangeAction.UPSERT, rs))))
                .isInstanceOfSatisfying(Route53Error.class, e -> {
                    assertThat(e.code()).isEqualTo("InvalidInput");
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.getMessage()).contains(expected);
                });
    }
}
