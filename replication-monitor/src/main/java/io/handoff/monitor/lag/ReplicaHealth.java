package io.handoff.monitor.lag;

/**
 * Reads what is wrong with a target's replication from its replica status, for the lag samples: a lag
 * that only grows says the target is behind; this says why (the applier stopped on an error, the
 * receiver cannot reach the source). Pure.
 */
final class ReplicaHealth {
    /** Index of the I/O thread's state in the sampler's replica status columns; then SQL, last I/O error, last SQL error. */
    static final int IO_RUNNING = 2;

    private ReplicaHealth() {
    }

    /**
     * {@code null} when both threads run (or the status could not be read); otherwise one sentence naming
     * {@code target}, the stopped thread and its last error.
     *
     * @param status the sampler's replica status values: applied file, applied position, I/O running, SQL
     *               running, last I/O error, last SQL error (all {@code null} when the target has no replica status)
     */
    static String problem(String target, String[] status) {
        if (status == null || status.length < IO_RUNNING + 4) {
            return null;
        }
        String io = status[IO_RUNNING];
        String sql = status[IO_RUNNING + 1];
        if (io == null && sql == null) {
            return target + " does not replicate (no replica configuration)";
        }
        if (!"Yes".equalsIgnoreCase(sql)) {
            return target + "'s replication SQL thread is stopped" + error(status[IO_RUNNING + 3]);
        }
        if ("No".equalsIgnoreCase(io)) {
            return target + "'s replication I/O thread is stopped" + error(status[IO_RUNNING + 2]);
        }
        if ("Connecting".equalsIgnoreCase(io) && !blank(status[IO_RUNNING + 2])) {
            return target + "'s replication I/O thread is reconnecting" + error(status[IO_RUNNING + 2]);
        }
        return null;
    }

    private static String error(String message) {
        return blank(message) ? "" : ": " + message.strip();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
