package io.handoff.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandaloneVerifyConfigTest {

    @Test
    void theMappingsDefaultsHoldOutsideQuarkus() {
        VerifyConfig config = StandaloneVerifyConfig.of(Map.of());

        assertThat(config.awaitTarget()).isTrue();
        assertThat(config.parallelChunks()).isEqualTo(4);
        assertThat(config.chunkTime()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aGivenPropertyOverridesItsDefault() {
        VerifyConfig config = StandaloneVerifyConfig.of(Map.of("handoff.verify.await-target", "false",
                "handoff.verify.parallel-chunks", "2"));

        assertThat(config.awaitTarget()).isFalse();
        assertThat(config.parallelChunks()).isEqualTo(2);
        assertThat(config.maxChunkRows()).isEqualTo(50_000);
    }

    @Test
    void durationsReadAsQuarkusReadsThem() {
        assertThat(StandaloneVerifyConfig.duration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(StandaloneVerifyConfig.duration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(StandaloneVerifyConfig.duration("9m")).isEqualTo(Duration.ofMinutes(9));
        assertThat(StandaloneVerifyConfig.duration("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(StandaloneVerifyConfig.duration("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(StandaloneVerifyConfig.duration("15")).isEqualTo(Duration.ofSeconds(15));
        assertThat(StandaloneVerifyConfig.duration("PT1M")).isEqualTo(Duration.ofMinutes(1));
    }
}
