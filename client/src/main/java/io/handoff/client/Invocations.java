package io.handoff.client;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.SQLException;
import java.util.Set;

/** Reflective calls of the JDBC proxies, and which errors are which. */
final class Invocations {
    /** ER_OPTION_PREVENTS_STATEMENT (--read-only, --super-read-only) and ER_READ_ONLY_MODE. */
    private static final Set<Integer> READ_ONLY_REFUSALS = Set.of(1290, 1836);

    private Invocations() {
    }

    /** Calls {@code method} on {@code target}, throwing what it threw. */
    static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The server refused the statement because it is read-only: it did not run. */
    static boolean refusedAsReadOnly(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && READ_ONLY_REFUSALS.contains(sql.getErrorCode())) {
                return true;
            }
        }
        return false;
    }

    static void closeQuietly(AutoCloseable resource) {
        try {
            if (resource != null) {
                resource.close();
            }
        } catch (Exception e) {
            // Giving up a physical connection or statement that may already be dead (a fence killed its session).
        }
    }
}
