package io.handoff.planner.plan;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The two orders of the flip (docs/DESIGN.md, "The steps of a plan"). */
public enum FlipOrder {
    /**
     * B writable and reverse replication right after STOP_REPLICA, then DNS: writes are blocked only
     * for the SQL steps. A stays read-only with its sessions killed, so there is one writable master.
     */
    WRITABLE_FIRST("writable-first"),
    /** The seed's order: DNS first, then B writable; writes stay blocked while DNS propagates. */
    DNS_FIRST("dns-first");

    private final String label;

    FlipOrder(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The order named {@code label} ({@code writable-first} or {@code dns-first}). */
    public static Optional<FlipOrder> parse(String label) {
        return Arrays.stream(values()).filter(o -> o.label.equals(label.toLowerCase(Locale.ROOT))).findFirst();
    }
}
