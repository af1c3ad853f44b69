package io.handoff.route53emu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsNamesTest {

    @Test
    void normalizeLowerCasesAddsTrailingDotAndEscapesLeadingWildcard() {
        assertThat(DnsNames.normalize(" Db.Example.COM ")).isEqualTo("db.example.com.");
        assertThat(DnsNames.normalize("db.example.com.")).isEqualTo("db.example.com.");
        assertThat(DnsNames.normalize("*.example.com")).isEqualTo("\\052.example.com.");
        assertThatThrownBy(() -> DnsNames.normalize(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ordersByReversedLabelsWithParentsFirst() {
        List<String> names = new ArrayList<>(List.of("www.example.com.", "b.example.", "example.com.",
                "a.www.example.com.", "z.example.com."));
        names.sort(DnsNames.REVERSED_LABEL_ORDER);

        // com.example < com.example.www < com.example.www.a < com.example.z < example.b
        assertThat(names).containsExactly("example.com.", "www.example.com.", "a.www.example.com.", "z.example.com.",
                "b.example.");
    }

    @Test
    void zoneMembershipIsLabelWise() {
        assertThat(DnsNames.isInZone("a.example.com.", "example.com.")).isTrue();
        assertThat(DnsNames.isInZone("example.com.", "example.com.")).isTrue();
        assertThat(DnsNames.isInZone("badexample.com.", "example.com.")).isFalse();
        assertThat(DnsNames.isBelow("example.com.", "example.com.")).isFalse();
    }
}
