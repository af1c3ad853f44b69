package io.handoff.cutover.seed;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the GTID position a consistent dump was taken at from its header lines, as the dump
 * programs print it with {@code --master-data=2 --gtid} (MariaDB: {@code -- SET GLOBAL gtid_slave_pos='0-1-42';})
 * or {@code --set-gtid-purged=COMMENTED} (MySQL: {@code SET @@GLOBAL.GTID_PURGED='uuid:1-42';}, inside a
 * comment, with an optional versioned {@code '+'} before the set, possibly over several lines).
 */
public final class DumpHeader {
    private static final Pattern MARIADB = Pattern.compile("gtid_slave_pos\\s*=\\s*'([^']*)'", Pattern.CASE_INSENSITIVE);
    private static final Pattern MYSQL = Pattern.compile("GTID_PURGED\\s*=\\s*(?:/\\*![0-9]+ '\\+'\\*/\\s*)?'([^']*)'",
            Pattern.CASE_INSENSITIVE);

    private DumpHeader() {
    }

    /** The GTID position in {@code header}, when the header has it. */
    public static Optional<String> gtidPosition(CharSequence header) {
        Matcher mariadb = MARIADB.matcher(header);
        if (mariadb.find()) {
            return Optional.of(mariadb.group(1).strip());
        }
        Matcher mysql = MYSQL.matcher(header);
        if (mysql.find()) {
            return Optional.of(mysql.group(1).replaceAll("\\s+", ""));
        }
        return Optional.empty();
    }
}
