package io.handoff.common.sql;

/**
 * Quoting of string literals for the few statements that take no JDBC parameters
 * ({@code CHANGE MASTER TO}, {@code ALTER USER}, {@code KILL}). Use parameters everywhere else.
 *
 * <p>A quote is doubled ({@code ''}), which ends no literal whether or not the session has
 * {@code NO_BACKSLASH_ESCAPES}; a backslash is doubled, which keeps the value exact in the default
 * SQL mode (the one handoff's connections use). NUL characters are refused: no host name, user or
 * password contains one.
 */
public final class SqlLiteral {

    private SqlLiteral() {
    }

    /** {@code value} as a single-quoted SQL string literal. */
    public static String quote(String value) {
        if (value == null) {
            throw new IllegalArgumentException("SQL literal must not be null");
        }
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\'' -> quoted.append("''");
                case '\\' -> quoted.append("\\\\");
                case '\0' -> throw new IllegalArgumentException("SQL literal must not contain a NUL character");
                default -> quoted.append(c);
            }
        }
        return quoted.append('\'').toString();
    }
}
