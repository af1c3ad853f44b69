package io.handoff.cutover.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The text the seed loads into MySQL (issue 20): every value arrives as the bytes it was, whatever it holds, read back by
 * {@link #serverReads} the way the server reads {@code FIELDS TERMINATED BY '\t' ESCAPED BY '\\' LINES TERMINATED BY
 * '\n'} with {@code CHARACTER SET binary} (MySQL's {@code READ_INFO}).
 */
class LoadDataRowsTest {

    @Test
    void escapesTheBytesTheServerWouldTakeForSeparatorsOrEscapesAndNothingElse() throws IOException {
        LoadDataRows rows = new LoadDataRows(0);
        rows.value(bytes("tab\there"));
        rows.value(null);
        rows.value(bytes("back\\slash"));
        rows.value(bytes("line\nbreak\r\n"));
        rows.value(new byte[] {0, 'N', 0x1a, 0x08});
        rows.value(new byte[0]);
        rows.endRow();
        rows.value(bytes("\\N"));
        rows.value(bytes("N"));
        rows.value(bytes("NULL"));
        rows.endRow();

        assertThat(new String(rows.toByteArray(), StandardCharsets.ISO_8859_1)).isEqualTo(
                "tab\\there\t\\N\tback\\\\slash\tline\\nbreak\\r\\n\t\\0N\u001a\u0008\t\n"
                        + "\\\\N\tN\tNULL\n");
        assertThat(rows.rows()).isEqualTo(2);
        assertThat(rows.stream().readAllBytes()).isEqualTo(rows.toByteArray());
        assertThat(shown(serverReads(rows.toByteArray()))).isEqualTo(shown(List.of(
                Arrays.asList(bytes("tab\there"), null, bytes("back\\slash"), bytes("line\nbreak\r\n"), new byte[] {0, 'N', 0x1a, 0x08},
                        new byte[0]),
                Arrays.asList(bytes("\\N"), bytes("N"), bytes("NULL")))));
    }

    @Test
    void aLargeValueIsWrittenWhole() {
        byte[] large = new byte[3 << 20];
        Arrays.fill(large, (byte) 'x');
        large[5] = '\t';
        LoadDataRows rows = new LoadDataRows(16);
        rows.value(large);
        rows.value(bytes("after"));
        rows.endRow();
        assertThat(shown(serverReads(rows.toByteArray()))).isEqualTo(shown(List.of(List.of(large, bytes("after")))));
    }

    @Test
    void aBufferHandedBackHoldsOnlyTheNextBatch() throws IOException {
        SpareRows spares = new SpareRows(64);
        LoadDataRows first = spares.take();
        first.value(bytes("a much longer first batch than the next, so that its bytes would show"));
        first.value(bytes("x"));
        first.endRow();
        spares.giveBack(first);

        LoadDataRows again = spares.take();
        assertThat(again).as("the buffer handed back is filled again").isSameAs(first);
        again.value(bytes("b"));
        again.endRow();
        assertThat(again.rows()).isEqualTo(1);
        assertThat(again.stream().readAllBytes()).isEqualTo(bytes("b\n"));
        assertThat(spares.take()).as("none kept while it is out").isNotSameAs(first);
    }

    @Test
    void anyBytesSurviveTheRoundTripByteForByte() {
        Random random = new Random(20);
        List<List<byte[]>> written = new ArrayList<>();
        LoadDataRows rows = new LoadDataRows(16);
        byte[] everyByte = new byte[256];
        for (int i = 0; i < 256; i++) {
            everyByte[i] = (byte) i;
        }
        for (int row = 0; row < 2_000; row++) {
            List<byte[]> values = new ArrayList<>();
            for (int column = 0; column < 1 + random.nextInt(6); column++) {
                byte[] value = switch (random.nextInt(6)) {
                    case 0 -> null;
                    case 1 -> new byte[0];
                    case 2 -> everyByte;
                    case 3 -> bytes("Zürich 東京 😀 \\N\t\\\n");
                    default -> {
                        // Mostly the bytes that mean something to the server, and invalid UTF-8.
                        byte[] noise = new byte[random.nextInt(40)];
                        byte[] special = {'\\', '\t', '\n', '\r', 0, 'N', 'n', 't', '0', (byte) 0xff, (byte) 0xc3};
                        for (int i = 0; i < noise.length; i++) {
                            noise[i] = random.nextBoolean() ? special[random.nextInt(special.length)] : (byte) random.nextInt(256);
                        }
                        yield noise;
                    }
                };
                values.add(value);
                rows.value(value);
            }
            rows.endRow();
            written.add(values);
        }

        List<List<byte[]>> read = serverReads(rows.toByteArray());

        assertThat(rows.rows()).isEqualTo(written.size());
        assertThat(shown(read)).isEqualTo(shown(written));
    }

    @Test
    void aJsonColumnIsReadThroughAVariableAsUtf8AndTheOthersStraightIntoTheirColumns() {
        SeedTable table = new SeedTable("shop", "order items", List.of(SeedTable.Column.of("id", "bigint"),
                SeedTable.Column.of("doc", "json"), SeedTable.Column.of("na`me", "varchar"), SeedTable.Column.of("pt", "point"),
                SeedTable.Column.of("extra", "JSON")), Optional.of("id"), 0, 0);

        assertThat(LoadDataRows.statement(table)).isEqualTo("LOAD DATA LOCAL INFILE 'handoff-seed-rows' INTO TABLE"
                + " `shop`.`order items` CHARACTER SET binary FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\'"
                + " LINES TERMINATED BY '\\n' (`id`, @c1, `na``me`, `pt`, @c4)"
                + " SET `doc` = CONVERT(@c1 USING utf8mb4), `extra` = CONVERT(@c4 USING utf8mb4)");
    }

    @Test
    void aBatchGrowsPastItsFirstCapacity() {
        LoadDataRows rows = new LoadDataRows(0);
        byte[] big = new byte[100_000];
        Arrays.fill(big, (byte) '\\');
        rows.value(big);
        rows.endRow();

        assertThat(rows.length()).isEqualTo(200_001);
        assertThat(serverReads(rows.toByteArray()).get(0).get(0)).isEqualTo(big);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Each value in hexadecimal, NULL as {@code null}. */
    private static List<List<String>> shown(List<List<byte[]>> rows) {
        return rows.stream().map(row -> row.stream().map(value -> value == null ? null : HexFormat.of().formatHex(value)).toList())
                .toList();
    }

    /**
     * The rows as MySQL's {@code LOAD DATA} reads them with an empty {@code ENCLOSED BY}: a backslash makes the next
     * byte itself, but for {@code 0 b n r t Z} (NUL, backspace, newline, carriage return, tab, Ctrl-Z); a value that is
     * {@code \N} alone is NULL; an unescaped tab ends a value and an unescaped newline a row.
     */
    static List<List<byte[]>> serverReads(byte[] text) {
        List<List<byte[]>> rows = new ArrayList<>();
        List<byte[]> row = new ArrayList<>();
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        boolean escapedN = false;
        for (int at = 0; at < text.length; at++) {
            byte b = text[at];
            if (b == '\\') {
                byte next = text[++at];
                escapedN |= next == 'N';
                value.write(switch (next) {
                    case '0' -> 0;
                    case 'b' -> 0x08;
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    case 'Z' -> 0x1a;
                    default -> next;
                });
            } else if (b == '\t' || b == '\n') {
                row.add(escapedN && value.size() == 1 ? null : value.toByteArray());
                value.reset();
                escapedN = false;
                if (b == '\n') {
                    rows.add(row);
                    row = new ArrayList<>();
                }
            } else {
                value.write(b);
            }
        }
        assertThat(row).as("nothing after the last row's newline").isEmpty();
        assertThat(value.size()).isZero();
        return rows;
    }
}
