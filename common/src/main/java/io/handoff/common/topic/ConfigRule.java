package io.handoff.common.topic;

import java.util.Optional;

/**
 * One topic config that matters and the values it may have. {@link #violation} is pure: it compares the value the
 * broker reports (from {@code describeConfigs}, defaults included) with the rule; {@link #createValue} is what a
 * topic is created with and what a fix sets, and it always satisfies the rule.
 */
public sealed interface ConfigRule {

    /** The topic config's name, e.g. {@code retention.ms}. */
    String config();

    /** The value a new topic gets and a fix sets. */
    String createValue();

    /** What is wrong with {@code actual} (null when the broker reported nothing), or empty when it is safe. */
    Optional<String> violation(String actual);

    /**
     * The config must be exactly {@code value}.
     *
     * @param config the config's name
     * @param value  the only safe value
     */
    record Exactly(String config, String value) implements ConfigRule {
        @Override
        public String createValue() {
            return value;
        }

        @Override
        public Optional<String> violation(String actual) {
            return value.equals(actual) ? Optional.empty() : Optional.of("must be " + value);
        }
    }

    /**
     * The config is a number that must be at least {@code minimum}; {@code -1} (unlimited) is accepted when
     * {@code unlimitedAllowed}.
     *
     * @param config           the config's name
     * @param minimum          the smallest safe value
     * @param createValue      the value a new topic gets (at least {@code minimum}, or -1)
     * @param unlimitedAllowed whether {@code -1} counts as safe
     */
    record AtLeast(String config, long minimum, String createValue, boolean unlimitedAllowed) implements ConfigRule {
        @Override
        public Optional<String> violation(String actual) {
            long value;
            try {
                value = Long.parseLong(actual == null ? "" : actual.strip());
            } catch (NumberFormatException e) {
                return Optional.of(expected());
            }
            if (value >= minimum || unlimitedAllowed && value == -1) {
                return Optional.empty();
            }
            return Optional.of(expected());
        }

        private String expected() {
            return "must be at least " + minimum + (unlimitedAllowed ? " or -1" : "");
        }
    }
}
