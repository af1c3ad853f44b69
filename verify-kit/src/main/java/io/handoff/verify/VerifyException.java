package io.handoff.verify;

/** VERIFY could not finish; says whether running it again may succeed. */
public class VerifyException extends Exception {
    private final boolean retryable;

    public VerifyException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** Whether running VERIFY again may succeed (a lagging target, a lost connection). */
    public boolean retryable() {
        return retryable;
    }
}
