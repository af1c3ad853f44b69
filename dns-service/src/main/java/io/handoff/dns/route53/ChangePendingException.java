package io.handoff.dns.route53;

/** A submitted change was still PENDING when the time to wait for it ran out. */
public class ChangePendingException extends Exception {
    private final String changeId;
    private final long waitedMs;

    public ChangePendingException(String changeId, long waitedMs) {
        super("change " + changeId + " still PENDING after " + waitedMs + " ms");
        this.changeId = changeId;
        this.waitedMs = waitedMs;
    }

    public String changeId() {
        return changeId;
    }

    /** Milliseconds from submission to giving up. */
    public long waitedMs() {
        return waitedMs;
    }
}
