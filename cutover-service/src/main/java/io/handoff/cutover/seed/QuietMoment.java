package io.handoff.cutover.seed;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Waits, before the seed's {@code FLUSH TABLES WITH READ LOCK}, for a moment when no statement on the source has been
 * running a second or longer. That statement blocks every write on the server for as long as it waits: it takes the
 * global read lock first, which a write already under way holds it from (and, pending, it holds back every new write),
 * then closes the tables, which waits for every statement reading one of them, however long. So a report or a batch
 * update running for minutes would stop the applications' writes for minutes the moment the seed asked for its snapshot;
 * xtrabackup waits so too ({@code --ftwrl-wait-timeout}). Read from {@code information_schema.PROCESSLIST} (sessions of
 * other accounts need the PROCESS privilege to be seen) every 100 ms; each statement waited for is logged once (its
 * session, account and seconds; its text is not read: it may hold literals that are secrets). Nothing is killed.
 */
final class QuietMoment {
    private static final Logger LOG = Logger.getLogger(QuietMoment.class);
    /** Statements in progress for a second or longer, but the server's own threads and this session. */
    static final String RUNNING_LONG = "SELECT ID, USER, HOST, TIME FROM information_schema.PROCESSLIST WHERE COMMAND IN ('Query',"
            + " 'Execute') AND TIME >= 1 AND ID <> CONNECTION_ID() AND USER NOT IN ('system user', 'event_scheduler') ORDER BY ID";

    private QuietMoment() {
    }

    /**
     * Waits on {@code control}, a session on {@code source}, until no statement has been running a second or longer, for
     * {@code atMost}; returns those still running then ({@code session 42 (app@10.0.0.5:53422) 75 s}), empty when the
     * moment came.
     */
    static List<String> await(Connection control, String source, Duration atMost) throws SQLException {
        long deadline = System.nanoTime() + atMost.toNanos();
        Set<Long> told = new HashSet<>();
        try (Statement sql = control.createStatement()) {
            while (true) {
                List<String> running = new ArrayList<>();
                try (ResultSet row = sql.executeQuery(RUNNING_LONG)) {
                    while (row.next()) {
                        String session = "session " + row.getLong(1) + " (" + row.getString(2) + "@" + row.getString(3) + ") "
                                + row.getLong(4) + " s";
                        running.add(session);
                        if (told.add(row.getLong(1))) {
                            LOG.warnf("SEED from %s waits for %s to end before it opens its snapshot: FLUSH TABLES WITH READ"
                                    + " LOCK would wait for that statement and block every write on %s meanwhile", source,
                                    session, source);
                        }
                    }
                }
                if (running.isEmpty()) {
                    if (!told.isEmpty()) {
                        LOG.infof("SEED from %s: no statement has been running a second or longer; the snapshot opens", source);
                    }
                    return running;
                }
                if (System.nanoTime() > deadline) {
                    return running;
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted while waiting for statements on " + source + " to end", e);
                }
            }
        }
    }
}
