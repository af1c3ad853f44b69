package io.handoff.common.topic;

/**
 * One way a topic differs from what handoff needs: a missing topic, a replication factor too low, or a config with
 * an unsafe value. {@link #toString()} is the operator's line, e.g.
 * {@code handoff.plans: retention.ms=604800000, must be -1}.
 *
 * @param topic    the topic's name
 * @param setting  the config's name, {@link #MISSING} or {@link #REPLICATION_FACTOR}
 * @param actual   the value found (null for a missing topic)
 * @param required what is required, e.g. {@code must be -1}
 * @param fixable  whether {@code handoff topics --fix} can set it (a replication factor needs a reassignment)
 */
public record UnsafeSetting(String topic, String setting, String actual, String required, boolean fixable) {
    /** {@link #setting()} of a topic that does not exist. */
    public static final String MISSING = "missing";
    /** {@link #setting()} of a replication factor below the configured one. */
    public static final String REPLICATION_FACTOR = "replication factor";

    static UnsafeSetting missing(String topic) {
        return new UnsafeSetting(topic, MISSING, null, "must exist", true);
    }

    /** The setting without the topic, e.g. {@code retention.ms=604800000, must be -1}, or {@code missing}. */
    public String describeSetting() {
        return MISSING.equals(setting) ? MISSING : setting + "=" + actual + ", " + required;
    }

    @Override
    public String toString() {
        return topic + ": " + describeSetting();
    }
}
