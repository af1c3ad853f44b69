package io.handoff.localstack.workload;

import java.sql.SQLException;
import java.time.Instant;

/**
 * One failed attempt of a writer thread: name resolution, connecting or the insert failed. The insert,
 * if it was sent, has an unknown outcome and is not acknowledged.
 *
 * @param application the application whose thread failed
 * @param thread      the writer thread's number within the application, from 1
 * @param server      the address the attempt went to, or {@link #UNRESOLVED} when DNS gave none
 * @param at          when the failure was seen
 * @param sqlState    the SQL state of a {@link SQLException}, else null
 * @param errorCode   the server's error code of a {@link SQLException} (1290: read-only), else 0
 * @param message     the exception's type and message
 */
public record WriteError(String application, int thread, String server, Instant at, String sqlState, int errorCode,
        String message) {

    /** The {@link #server()} of a failure before any address was known. */
    public static final String UNRESOLVED = "unresolved";

    static WriteError of(String application, int thread, String server, Instant at, Exception failure) {
        String message = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        if (failure instanceof SQLException sql) {
            return new WriteError(application, thread, server, at, sql.getSQLState(), sql.getErrorCode(), message);
        }
        return new WriteError(application, thread, server, at, null, 0, message);
    }
}
