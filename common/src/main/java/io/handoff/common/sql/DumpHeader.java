package io.handoff.common.sql;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the GTID position a consistent dump was taken at from the lines the dump programs print it in:
 * MariaDB's with {@code --master-data=2 --gtid} ({@code -- SET GLOBAL gtid_slave_pos='0-1-42';}), MySQL's
 * with {@code --set-gtid-purged=COMMENTED} (MySQL 9.7: {@code /* SET @@GLOBAL.GTID_PURGED='+uuid:1-42,}
 * then one UUID a line, {@code ';*}{@code /}; earlier releases put a versioned {@code '+'} before the
 * quoted set). The position comes back normalised: no blanks or line breaks, no leading {@code '+'}. Pure.
 *
 * <p>Read by the cutover service's SEED and by the local stack's seeding fixture, so that both find the
 * position in the same places.
 */
public final class DumpHeader {
    private static final Pattern MARIADB = Pattern.compile("gtid_slave_pos\\s*=\\s*'([^']*)'", Pattern.CASE_INSENSITIVE);
    private static final Pattern MYSQL = Pattern.compile("GTID_PURGED\\s*=\\s*(?:/\\*![0-9]+ '\\+'\\*/\\s*)?'\\+?([^']*)'",
            Pattern.CASE_INSENSITIVE);

    private DumpHeader() {
    }

    /** The position in {@code text}, in either program's form (MariaDB's first). */
    public static Optional<String> gtidPosition(CharSequence text) {
        return mariaDbPosition(text).or(() -> mySqlPosition(text));
    }

    /** The position in MariaDB's form ({@code gtid_slave_pos}), when {@code text} has it. */
    public static Optional<String> mariaDbPosition(CharSequence text) {
        Matcher mariadb = MARIADB.matcher(text);
        return mariadb.find() ? Optional.of(mariadb.group(1).replaceAll("\\s+", "")) : Optional.empty();
    }

    /** The position in MySQL's form ({@code GTID_PURGED}), when {@code text} has it. */
    public static Optional<String> mySqlPosition(CharSequence text) {
        Matcher mysql = MYSQL.matcher(text);
        return mysql.find() ? Optional.of(mysql.group(1).replaceAll("\\s+", "")) : Optional.empty();
    }
}
