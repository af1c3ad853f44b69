package io.handoff.common.sql;

import io.handoff.common.cluster.ServerFlavor;

/**
 * A server flavor cannot do what was asked (Aurora refuses {@code SET GLOBAL read_only} to an
 * account without SUPER). Terminal for the step: retrying will not help, choosing another strategy
 * in the plan will; the message says which.
 */
public final class StrategyNotSupportedException extends UnsupportedOperationException {

    private static final long serialVersionUID = 1L;

    private final ServerFlavor flavor;

    /** Creates the exception for {@code flavor}, with a message naming the alternative. */
    public StrategyNotSupportedException(ServerFlavor flavor, String message) {
        super(flavor + ": " + message);
        this.flavor = flavor;
    }

    /** The flavor that cannot do it. */
    public ServerFlavor flavor() {
        return flavor;
    }
}
