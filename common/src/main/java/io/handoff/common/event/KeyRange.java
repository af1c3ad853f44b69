package io.handoff.common.event;

import io.handoff.common.Require;

/**
 * An inclusive range of primary key values, as a chunked checksum reports it. Composite keys are
 * written as the checksum tool renders them (e.g. {@code "42,7"}).
 *
 * @param low  lowest key of the range
 * @param high highest key of the range
 */
public record KeyRange(String low, String high) {

    /** Validates that both bounds are given. */
    public KeyRange {
        Require.nonNull(low, "KeyRange.low");
        Require.nonNull(high, "KeyRange.high");
    }
}
