package io.handoff.dns.route53;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecordValueTest {

    @Test
    void valuesCompareInAnyOrderAndCnameTargetsWithoutCaseOrTrailingDot() {
        assertThat(RecordValue.of("10.0.0.1", "10.0.0.2").sameAs("A", RecordValue.of("10.0.0.2", "10.0.0.1"))).isTrue();
        assertThat(RecordValue.of("10.0.0.1").sameAs("A", RecordValue.of("10.0.0.1", "10.0.0.2"))).isFalse();
        assertThat(RecordValue.of("Aurora.Example.com").sameAs("CNAME", RecordValue.of("aurora.example.com."))).isTrue();
    }

    @Test
    void aliasEqualsOnlyTheSameAliasTarget() {
        RecordValue alias = RecordValue.ofAlias(new RecordValue.Alias("/hostedzone/Z1", "New.Example", false));

        assertThat(alias.sameAs("A", RecordValue.ofAlias(new RecordValue.Alias("Z1", "new.example.", false)))).isTrue();
        assertThat(alias.sameAs("A", RecordValue.ofAlias(new RecordValue.Alias("Z1", "old.example.", false)))).isFalse();
        assertThat(alias.sameAs("A", RecordValue.of("10.0.0.1"))).isFalse();
        assertThat(alias.describe()).isEqualTo("ALIAS new.example.");
    }

    @Test
    void recordSpecIsHeldOnlyWithTheSameTtlAndWeight() {
        RecordSpec weighted = new RecordSpec("db.example.", "A", "blue", 100L, 60L, RecordValue.of("10.0.0.1"));

        assertThat(weighted.withTtl(5).ttl()).isEqualTo(5);
        assertThat(weighted.key()).isEqualTo("db.example. A [blue]");
        assertThat(new RecordSpec("db.example.", "A", null, null, null, null).isHeldBy(java.util.Optional.empty())).isTrue();
        assertThat(weighted.isHeldBy(java.util.Optional.empty())).isFalse();
        assertThat(new RecordValue(List.of(" 10.0.0.1 "), null).values()).containsExactly("10.0.0.1");
    }
}
