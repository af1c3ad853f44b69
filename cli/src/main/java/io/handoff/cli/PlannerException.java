package io.handoff.cli;

/** The planner refused a request or could not be reached; the message is what the operator reads. */
final class PlannerException extends RuntimeException {
    private final int exitCode;

    PlannerException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
