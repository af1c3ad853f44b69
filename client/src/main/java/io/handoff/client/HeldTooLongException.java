package io.handoff.client;

import java.sql.SQLTransientException;

/**
 * A statement (or a connection request) was held while a flip's fence ran, and the fence did not end within the
 * hold budget: it was <em>not sent</em> to any server, so it certainly did not run. Trying again later is safe.
 */
public final class HeldTooLongException extends SQLTransientException {
    /** SQLSTATE: general error, never a connection error (nothing was in flight). */
    public static final String SQL_STATE = "HY000";

    HeldTooLongException(String message) {
        super(message, SQL_STATE);
    }
}
