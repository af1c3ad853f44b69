package io.handoff.common.cluster;

import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A password or other credential. Its {@link #toString()} and its JSON form are {@value #MASK}, so
 * that a secret logged or serialized by accident shows nothing; the value itself is only returned by
 * {@link #reveal()}, to be handed to a driver or a statement, never to a log.
 */
public final class Secret {

    /** What a secret shows instead of its value. */
    public static final String MASK = "****";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** Wraps {@code value}; an empty value is allowed (an account without password). */
    public static Secret of(String value) {
        if (value == null) {
            throw new IllegalArgumentException("Secret value must not be null (use Secret.of(\"\") for an empty password)");
        }
        return new Secret(value);
    }

    /** The secret value itself. Never log it. */
    public String reveal() {
        return value;
    }

    /** {@code true} when the value is the empty string. */
    public boolean empty() {
        return value.isEmpty();
    }

    /** Always {@value #MASK}. */
    @JsonValue
    @Override
    public String toString() {
        return MASK;
    }

    /** Secrets are equal when their values are, compared in constant time. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret
                && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), secret.value.getBytes(StandardCharsets.UTF_8));
    }

    /** A constant: a hash derived from the value would leak a little of it. */
    @Override
    public int hashCode() {
        return 0x5EC12E7;
    }
}
