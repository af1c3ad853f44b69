package io.handoff.demo;

/** The planner refused a request; carries its status and problem body. */
public class PlanRefusedException extends RuntimeException {
    private final int status;

    public PlanRefusedException(int status, String problem) {
        super("refused with " + status + ": " + problem);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
