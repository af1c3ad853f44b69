package io.handoff.planner.plan;

import io.handoff.common.sql.BackupCoordinates;
import io.handoff.common.sql.GtidSets;
import io.handoff.common.sql.ReplicationPosition;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An external seed's position and an xtrabackup seed's log line, checked the way START_REPLICATION will read them
 * ({@link ReplicationPosition#parse}, {@link BackupCoordinates#parse}), and stricter: {@code parse} takes any other
 * text for a GTID set, so a set must also be spelled as a server prints one (MariaDB {@code domain-server-seq}
 * entries, or MySQL {@code uuid[:tag]:interval} entries) and a binlog file name as a server names one, since both
 * reach the replica's SQL. Pure, thread-safe.
 */
final class SeedPosition {
    private static final Pattern BINLOG_FILE = Pattern.compile("[A-Za-z0-9._-]{1,255}");
    private static final String BINLOG_FILE_RULE = "a binlog file name is 1 to 255 letters, digits, '.', '_' or '-'";
    private static final Pattern MARIADB_SET = Pattern.compile("\\d{1,10}-\\d{1,10}-\\d{1,19}(?:,\\d{1,10}-\\d{1,10}-\\d{1,19})*");
    private static final String UUID = "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}";
    private static final String MYSQL_ENTRY = UUID + "(?::[A-Za-z_][A-Za-z0-9_]{0,31})?(?::\\d{1,19}(?:-\\d{1,19})?)+";
    private static final Pattern MYSQL_SET = Pattern.compile(MYSQL_ENTRY + "(?:," + MYSQL_ENTRY + ")*");

    private SeedPosition() {
    }

    /** Why {@code text} (not blank) is no backup's coordinates a replica could start at; empty when it is. */
    static Optional<String> logLineProblem(String text) {
        BackupCoordinates coordinates;
        try {
            coordinates = BackupCoordinates.parse(text);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        if (!BINLOG_FILE.matcher(coordinates.binlog().file()).matches()) {
            return Optional.of(BINLOG_FILE_RULE);
        }
        return coordinates.gtid().flatMap(gtid -> gtidProblem(gtid.set()));
    }

    /** Why {@code text} (not blank) is no position START_REPLICATION could start at; empty when it is one. */
    static Optional<String> positionProblem(String text) {
        ReplicationPosition position;
        try {
            position = ReplicationPosition.parse(text);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        return position.match(
                auto -> Optional.<String>empty(),
                gtid -> gtidProblem(gtid.set()),
                file -> BINLOG_FILE.matcher(file.file()).matches() ? Optional.<String>empty()
                        : Optional.of(BINLOG_FILE_RULE));
    }

    private static Optional<String> gtidProblem(String set) {
        if (MARIADB_SET.matcher(set).matches()) {
            return Optional.empty();
        }
        if (!MYSQL_SET.matcher(set).matches()) {
            return Optional.of("not auto, a binlog file:position such as mysql-bin.000042:1337, or a GTID set such as 0-1-42"
                    + " or 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-42");
        }
        try {
            GtidSets.normalize(set);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }
}
