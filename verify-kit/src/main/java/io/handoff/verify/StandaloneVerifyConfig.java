package io.handoff.verify;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * {@link VerifyConfig} for a program that runs VERIFY outside a Quarkus service (a benchmark checking a copy): the
 * mapping's own defaults, overridden by {@code handoff.verify.*} properties given here. Durations are read as Quarkus
 * reads them ({@code 500ms}, {@code 30s}, {@code 9m}, {@code 2h}, {@code 1d}, a bare number of seconds, or ISO-8601).
 */
public final class StandaloneVerifyConfig {

    private StandaloneVerifyConfig() {
    }

    /** @param properties full property names ({@code handoff.verify.await-target}) to their values */
    public static VerifyConfig of(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "verify-settings", 500))
                .withConverter(Duration.class, 200, (Converter<Duration>) StandaloneVerifyConfig::duration)
                .withMapping(VerifyConfig.class)
                .build()
                .getConfigMapping(VerifyConfig.class);
    }

    static Duration duration(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        if (text.startsWith("p") || text.startsWith("-p")) {
            return Duration.parse(text);
        }
        if (text.chars().allMatch(Character::isDigit)) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        if (text.endsWith("d")) {
            return Duration.ofDays(Long.parseLong(text.substring(0, text.length() - 1)));
        }
        return Duration.parse("PT" + text);
    }
}
