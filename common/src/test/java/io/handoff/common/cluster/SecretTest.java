package io.handoff.common.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretTest {

    @Test
    void toStringIsTheMask() {
        assertThat(Secret.of("hunter2")).hasToString("****");
        assertThat(String.valueOf(Secret.of("hunter2"))).isEqualTo("****");
    }

    @Test
    void secretsWithTheSameValueAreEqual() {
        assertThat(Secret.of("a")).isEqualTo(Secret.of("a")).isNotEqualTo(Secret.of("b"));
        assertThat(Secret.of("a").hashCode()).isEqualTo(Secret.of("b").hashCode());
    }

    @Test
    void nullValueIsRefused() {
        assertThatThrownBy(() -> Secret.of(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
