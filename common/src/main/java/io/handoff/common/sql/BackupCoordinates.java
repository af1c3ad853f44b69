package io.handoff.common.sql;

import io.handoff.common.Require;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The source coordinates a physical backup was taken at, read from what the backup tool printed:
 * <ul>
 *   <li>the log line of Percona XtraBackup and MariaDB's {@code mariadb-backup}/{@code mariabackup}:
 *       {@code MySQL binlog position: filename 'mysql-bin.000003', position '1234', GTID of the last change '0-1-100'}
 *       (with or without the GTID part, the position quoted or not, any prefix such as a timestamp or
 *       {@code mariabackup: });</li>
 *   <li>the {@code xtrabackup_binlog_info} (or {@code mariadb_backup_binlog_info}) file: file name, offset
 *       and optionally the GTID set, separated by tabs or blanks: {@code mysql-bin.000003\t1234\t0-1-100}.</li>
 * </ul>
 * A MySQL GTID set may be printed over several lines ({@code uuid:1-5,\nuuid:1-9}); the lines are joined.
 *
 * @param binlog the binlog file and offset
 * @param gtid   the GTID set of the last change, when the tool printed one
 */
public record BackupCoordinates(ReplicationPosition.FilePosition binlog, Optional<ReplicationPosition.Gtid> gtid) {

    private static final Pattern LOG_LINE = Pattern.compile(
            "filename\\s+'([^']+)',\\s*position\\s+'?(\\d+)'?(?:,\\s*GTID of the last change\\s+'([^']*)')?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BINLOG_INFO = Pattern.compile("^\\s*(\\S+\\.\\d+)\\s+(\\d+)(?:\\s+(\\S(?:[\\s\\S]*\\S)?))?\\s*$");

    /** Validates the components; an empty GTID set counts as none. */
    public BackupCoordinates {
        Require.nonNull(binlog, "BackupCoordinates.binlog");
        gtid = Require.nonNull(gtid, "BackupCoordinates.gtid").filter(set -> !set.set().isEmpty());
    }

    /**
     * Reads the coordinates from a backup tool's log line (or the lines around it) or from the
     * content of its binlog info file.
     *
     * @throws IllegalArgumentException when {@code text} holds neither form; the message does not quote it
     */
    public static BackupCoordinates parse(String text) {
        Require.nonNull(text, "backup coordinates");
        Matcher line = LOG_LINE.matcher(text);
        if (line.find()) {
            return of(line.group(1), line.group(2), line.group(3));
        }
        Matcher info = BINLOG_INFO.matcher(text);
        if (info.matches()) {
            return of(info.group(1), info.group(2), info.group(3));
        }
        throw new IllegalArgumentException("no binlog coordinates found (" + text.length() + " chars): expected the"
                + " backup's line \"MySQL binlog position: filename '<file>', position '<offset>'[, GTID of the last"
                + " change '<gtid set>']\" or its binlog info file \"<file>\\t<offset>[\\t<gtid set>]\"");
    }

    private static BackupCoordinates of(String file, String offset, String gtidSet) {
        return new BackupCoordinates(new ReplicationPosition.FilePosition(file, Long.parseLong(offset)),
                Optional.ofNullable(gtidSet).map(ReplicationPosition.Gtid::new));
    }

    /** Where a replica of the backed-up server starts: the GTID set when there is one, else the file coordinates. */
    public ReplicationPosition position() {
        return gtid.<ReplicationPosition>map(set -> set).orElse(binlog);
    }
}
