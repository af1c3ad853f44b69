package io.handoff.common.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SqlLiteralTest {

    @Test
    void plainValueIsSingleQuoted() {
        assertThat(SqlLiteral.quote("db1.dc.example")).isEqualTo("'db1.dc.example'");
        assertThat(SqlLiteral.quote("")).isEqualTo("''");
    }

    @Test
    void hostileValueCannotEndTheLiteral() {
        String hostile = "x', MASTER_HOST='evil\\'; DROP DATABASE shop; -- \\";

        String quoted = SqlLiteral.quote(hostile);

        assertThat(quoted).isEqualTo("'x'', MASTER_HOST=''evil\\\\''; DROP DATABASE shop; -- \\\\'");
        // Every quote inside is doubled and every backslash escaped: read back as MySQL does, the
        // literal ends exactly at the last character.
        assertThat(unquoteAsMysql(quoted)).isEqualTo(hostile);
    }

    @Test
    void nulCharacterIsRefused() {
        assertThatThrownBy(() -> SqlLiteral.quote("a\0b")).hasMessageContaining("NUL");
        assertThatThrownBy(() -> SqlLiteral.quote(null)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Reads a MySQL string literal (default SQL mode) and fails if it ends before the last char. */
    private static String unquoteAsMysql(String literal) {
        assertThat(literal).startsWith("'");
        StringBuilder value = new StringBuilder();
        int i = 1;
        while (true) {
            char c = literal.charAt(i);
            if (c == '\\') {
                value.append(literal.charAt(i + 1));
                i += 2;
            } else if (c == '\'' && i + 1 < literal.length() && literal.charAt(i + 1) == '\'') {
                value.append('\'');
                i += 2;
            } else if (c == '\'') {
                assertThat(i).as("literal ends at its last character").isEqualTo(literal.length() - 1);
                return value.toString();
            } else {
                value.append(c);
                i++;
            }
        }
    }
}
