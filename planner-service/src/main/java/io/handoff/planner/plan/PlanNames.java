package io.handoff.planner.plan;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a name in a plan may be spelled with. A plan's and an application's names become Kafka keys, DNS-like
 * labels in events and metrics, and log lines; schema and table names reach SQL; exempt users reach the
 * KILL step's SQL. None may carry a quote, a NUL, a line break or any other character no such layer should
 * see, and none is unbounded. Pure, thread-safe.
 */
final class PlanNames {
    /** A plan's or an application's name: a letter or digit, then letters, digits, '.', '_' or '-'; at most 63. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    /** A schema or table name that needs no quoting in MySQL (and is no number): at most 64 characters. */
    private static final String IDENTIFIER_TEXT = "(?=[0-9]*[A-Za-z_$])[A-Za-z0-9_$]{1,64}";
    static final Pattern IDENTIFIER = Pattern.compile(IDENTIFIER_TEXT);
    /** A table as {@code schema.table}, both parts {@link #IDENTIFIER}s. */
    static final Pattern TABLE = Pattern.compile(IDENTIFIER_TEXT + "\\." + IDENTIFIER_TEXT);
    /** A MySQL account name (MariaDB allows 80 characters); no quote, backslash, space or control character. */
    static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9_.$@%+-]{1,80}");
    /** How much of a refused value a message repeats. */
    private static final int SHOWN = 64;

    private PlanNames() {
    }

    /** {@code value} (already required and trimmed) as a name, or null after naming the problem. */
    static String name(List<FieldError> errors, String field, String value) {
        return matching(errors, field, value, NAME, "must be 1 to 63 letters, digits, '.', '_' or '-', starting with a"
                + " letter or digit");
    }

    /** {@code value} (already required and trimmed) as a schema or table name, or null after naming the problem. */
    static String identifier(List<FieldError> errors, String field, String value) {
        return matching(errors, field, value, IDENTIFIER, "must be 1 to 64 letters, digits, '_' or '$', not only digits");
    }

    /** {@code value} (already required and trimmed) as a MySQL account name, or null after naming the problem. */
    static String account(List<FieldError> errors, String field, String value) {
        return matching(errors, field, value, ACCOUNT, "must be a MySQL user name of 1 to 80 letters, digits or ._$@%+-");
    }

    /**
     * {@code value} quoted for a message, cut to {@value #SHOWN} characters with its control characters escaped,
     * so that a refusal never repeats a megabyte or a line break back.
     */
    static String shown(String value) {
        if (value == null) {
            return "null";
        }
        String cut = value.length() > SHOWN ? value.substring(0, SHOWN) + "..." : value;
        StringBuilder out = new StringBuilder("'");
        cut.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append('\'').toString();
    }

    private static String matching(List<FieldError> errors, String field, String value, Pattern pattern, String rule) {
        if (value == null) {
            return null;
        }
        if (!pattern.matcher(value).matches()) {
            errors.add(new FieldError(field, rule + ", got " + shown(value)));
            return null;
        }
        return value;
    }
}
