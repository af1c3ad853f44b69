package io.handoff.common;

import java.util.UUID;

/**
 * Argument checks for the contracts in {@code common}: each failure is an
 * {@link IllegalArgumentException} whose message names the offending field, e.g.
 * {@code "StepCommand.planId must not be blank"}.
 */
public final class Require {

    private Require() {
    }

    /** Returns {@code value}, or throws when it is {@code null}. */
    public static <T> T nonNull(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        return value;
    }

    /** Returns {@code value}, or throws when it is {@code null}, empty or whitespace only. */
    public static String nonBlank(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank (was " + (value == null ? "null" : "'" + value + "'") + ")");
        }
        return value;
    }

    /** Returns {@code value}, or throws when it is not a UUID in its canonical text form. */
    public static String uuid(String value, String field) {
        nonBlank(value, field);
        try {
            if (UUID.fromString(value).toString().equalsIgnoreCase(value)) {
                return value;
            }
        } catch (IllegalArgumentException notAUuid) {
            // reported below with the field name
        }
        throw new IllegalArgumentException(field + " must be a UUID such as 123e4567-e89b-12d3-a456-426614174000 (was '" + value + "')");
    }

    /** Returns {@code value}, or throws when it is below {@code min}. */
    public static long atLeast(long value, long min, String field) {
        if (value < min) {
            throw new IllegalArgumentException(field + " must be >= " + min + " (was " + value + ")");
        }
        return value;
    }

    /** Returns {@code value}, or throws when it is outside {@code [min, max]}. */
    public static int between(int value, int min, int max, String field) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be between " + min + " and " + max + " (was " + value + ")");
        }
        return value;
    }
}
