package io.handoff.common.event;

/** How a target row differs from the source row with the same key. */
public enum DriftKind {
    /** On the source, not on the target. */
    MISSING,
    /** On the target, not on the source. */
    EXTRA,
    /** On both, with different contents. */
    DIFFERENT
}
