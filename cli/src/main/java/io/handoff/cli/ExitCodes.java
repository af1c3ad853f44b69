package io.handoff.cli;

/** The exit statuses of {@code handoff}, documented on {@link HandoffCli}. */
final class ExitCodes {
    static final int OK = 0;
    static final int REFUSED = 1;
    static final int USAGE = 2;
    static final int UNAVAILABLE = 3;
    static final int NOT_ALLOWED = 4;

    private ExitCodes() {
    }
}
