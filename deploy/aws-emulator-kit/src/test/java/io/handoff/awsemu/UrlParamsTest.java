package io.handoff.awsemu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlParamsTest {

    @Test
    void aFormBodyDecodesPlusAsASpace() {
        assertThat(UrlParams.form("Action=Describe&Note=a+b%2Bc&Note=second&Flag&&Empty="))
                .containsExactly(entry("Action", "Describe"), entry("Note", "a b+c"), entry("Flag", ""), entry("Empty", ""));
    }

    @Test
    void aQueryStringKeepsPlusAsItself() {
        assertThat(UrlParams.query("dnsname=a+b.example.&maxitems=1&maxitems=2"))
                .containsExactly(entry("dnsname", "a+b.example."), entry("maxitems", "1"));
        assertThat(UrlParams.decodeComponent("%2Fhostedzone%2FZ1+x")).isEqualTo("/hostedzone/Z1+x");
    }

    @Test
    void nothingToParseGivesNoParameters() {
        assertThat(UrlParams.query(null)).isEmpty();
        assertThat(UrlParams.form("")).isEmpty();
    }

    private static java.util.Map.Entry<String, String> entry(String key, String value) {
        return java.util.Map.entry(key, value);
    }
}
