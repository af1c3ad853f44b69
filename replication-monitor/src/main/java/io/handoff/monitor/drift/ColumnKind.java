package io.handoff.monitor.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.handoff.common.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Locale;
import org.apache.kafka.connect.data.Schema;

/**
 * How one column's value is compared between the source's change event (as Debezium's binlog
 * connectors convert it, with their default {@code time.precision.mode=adaptive_time_microseconds},
 * {@code decimal.handling.mode=precise} and {@code binary.handling.mode=bytes}) and the target's
 * row (as the JDBC driver returns it on a session with {@code time_zone='+00:00'}). Both sides are
 * turned into the same canonical text, which {@link RowHash} hashes. Chosen once per column from the
 * column's Connect schema.
 */
public enum ColumnKind {
    /** Integers of any width, YEAR. */
    INTEGER,
    /** BOOLEAN and BIT(1). */
    BOOLEAN,
    /** DECIMAL / NUMERIC: compared by value, not scale. */
    DECIMAL,
    /** FLOAT. */
    FLOAT,
    /** DOUBLE. */
    DOUBLE,
    /** CHAR, VARCHAR, TEXT, ENUM, SET. */
    STRING,
    /** JSON, compared after parsing. */
    JSON,
    /** BINARY, VARBINARY, BLOB. */
    BYTES,
    /** BIT(n > 1), as an unsigned number. */
    BITS,
    /** DATE (days since the epoch). */
    DATE,
    /** DATETIME(0-3) (epoch milliseconds, UTC wall clock). */
    DATETIME_MILLIS,
    /** DATETIME(4-6) (epoch microseconds, UTC wall clock). */
    DATETIME_MICROS,
    /** TIMESTAMP (ISO-8601 text in UTC). */
    TIMESTAMP,
    /** TIME(0-3) (milliseconds). */
    TIME_MILLIS,
    /** TIME(4-6) (microseconds). */
    TIME_MICROS,
    /** Anything else (spatial types): not compared, the same on both sides. */
    OPAQUE;

    private static final String NULL = "\u0000null";
    private static final String OPAQUE_VALUE = "\u0000opaque";

    /** The kind of a column of a Debezium row image. */
    public static ColumnKind of(Schema schema) {
        String name = schema.name() == null ? "" : schema.name();
        switch (name) {
            case "io.debezium.time.Date":
                return DATE;
            case "io.debezium.time.Timestamp":
                return DATETIME_MILLIS;
            case "io.debezium.time.MicroTimestamp":
                return DATETIME_MICROS;
            case "io.debezium.time.ZonedTimestamp":
                return TIMESTAMP;
            case "io.debezium.time.Time":
                return TIME_MILLIS;
            case "io.debezium.time.MicroTime":
                return TIME_MICROS;
            case "io.debezium.time.Year":
                return INTEGER;
            case "io.debezium.data.Json":
                return JSON;
            case "io.debezium.data.Bits":
                return BITS;
            case "io.debezium.data.Enum", "io.debezium.data.EnumSet":
                return STRING;
            case "org.apache.kafka.connect.data.Decimal":
                return DECIMAL;
            default:
                break;
        }
        if (name.startsWith("io.debezium.time.") || name.startsWith("org.apache.kafka.connect.data.")) {
            return OPAQUE;
        }
        return switch (schema.type()) {
            case INT8, INT16, INT32, INT64 -> INTEGER;
            case BOOLEAN -> BOOLEAN;
            case FLOAT32 -> FLOAT;
            case FLOAT64 -> DOUBLE;
            case STRING -> STRING;
            case BYTES -> BYTES;
            default -> OPAQUE;
        };
    }

    /** The canonical text of a value of a Debezium row image (or of its key). */
    public String canonical(Object value) {
        if (value == null) {
            return NULL;
        }
        return switch (this) {
            case INTEGER -> value instanceof Number number ? new BigDecimal(number.toString()).toPlainString() : value.toString();
            case BOOLEAN -> value instanceof Boolean flag ? (flag ? "1" : "0") : integer(value.toString());
            case DECIMAL -> decimal(value.toString());
            case FLOAT -> Float.toString(((Number) value).floatValue());
            case DOUBLE -> Double.toString(((Number) value).doubleValue());
            case STRING -> value.toString();
            case JSON -> json(value.toString());
            case BYTES -> HexFormat.of().formatHex(bytes(value));
            case BITS -> new BigInteger(1, reversed(bytes(value))).toString();
            case DATE -> LocalDate.ofEpochDay(((Number) value).longValue()).toString();
            case DATETIME_MILLIS -> LocalDateTime.ofInstant(Instant.ofEpochMilli(((Number) value).longValue()), ZoneOffset.UTC).toString();
            case DATETIME_MICROS -> LocalDateTime.ofInstant(micros(((Number) value).longValue()), ZoneOffset.UTC).toString();
            case TIMESTAMP -> LocalDateTime.ofInstant(Instant.parse(value.toString()), ZoneOffset.UTC).toString();
            case TIME_MILLIS -> Long.toString(((Number) value).longValue() * 1000);
            case TIME_MICROS -> Long.toString(((Number) value).longValue());
            case OPAQUE -> OPAQUE_VALUE;
        };
    }

    /** The canonical text of column {@code column} of the target's current row. */
    public String canonical(ResultSet row, String column) throws SQLException {
        return switch (this) {
            case BYTES -> {
                byte[] bytes = row.getBytes(column);
                yield bytes == null ? NULL : HexFormat.of().formatHex(bytes);
            }
            case BITS -> {
                byte[] bytes = row.getBytes(column);
                yield bytes == null ? NULL : new BigInteger(1, bytes).toString();
            }
            case BOOLEAN -> {
                Object value = row.getObject(column);
                if (value == null) {
                    yield NULL;
                }
                if (value instanceof byte[] bytes) {
                    yield new BigInteger(1, bytes).signum() == 0 ? "0" : "1";
                }
                yield value instanceof Boolean flag ? (flag ? "1" : "0") : integer(value.toString());
            }
            case OPAQUE -> OPAQUE_VALUE;
            default -> {
                String text = row.getString(column);
                yield text == null ? NULL : fromText(text);
            }
        };
    }

    /**
     * The value to bind for this column in a lookup by key on the target: what the driver and the
     * server compare correctly with the column (numbers, text, bytes, date-time literals).
     */
    public Object bindable(Object value) {
        if (value == null) {
            return null;
        }
        return switch (this) {
            case INTEGER -> value instanceof Number number && !(value instanceof BigDecimal) ? number.longValue() : value;
            case DECIMAL -> new BigDecimal(value.toString());
            case BYTES, BITS -> bytes(value);
            case DATE, DATETIME_MILLIS, DATETIME_MICROS, TIMESTAMP -> canonical(value).replace('T', ' ');
            case TIME_MILLIS, TIME_MICROS -> timeLiteral(Long.parseLong(canonical(value)));
            default -> value instanceof Boolean flag ? (flag ? 1 : 0) : value.toString();
        };
    }

    /** The key value as a DriftReport names it: integers as numbers, everything else as its canonical text. */
    public Object reported(Object value) {
        if (value == null) {
            return null;
        }
        if (this == INTEGER && value instanceof Number number && !(value instanceof BigDecimal)) {
            return number.longValue();
        }
        return canonical(value);
    }

    private String fromText(String text) {
        try {
            return switch (this) {
                case INTEGER -> integer(text);
                case DECIMAL -> decimal(text);
                case FLOAT -> Float.toString(Float.parseFloat(text));
                case DOUBLE -> Double.toString(Double.parseDouble(text));
                case JSON -> json(text);
                case DATE -> LocalDate.parse(text).toString();
                case DATETIME_MILLIS, DATETIME_MICROS, TIMESTAMP -> LocalDateTime.parse(text.replace(' ', 'T')).toString();
                case TIME_MILLIS, TIME_MICROS -> Long.toString(timeMicros(text));
                default -> text;
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            return text; // a zero date or another value the image cannot hold: compared as is
        }
    }

    private static String integer(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("true")) {
            return "1";
        }
        if (lower.equals("false")) {
            return "0";
        }
        return new BigDecimal(text).toPlainString();
    }

    private static String decimal(String text) {
        BigDecimal value = new BigDecimal(text).stripTrailingZeros();
        return value.signum() == 0 ? "0" : value.toPlainString();
    }

    private static String json(String text) {
        try {
            return Json.mapper().readTree(text).toString();
        } catch (JsonProcessingException e) {
            return text;
        }
    }

    private static byte[] bytes(Object value) {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return bytes;
        }
        return value.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Debezium writes BIT(n) values least significant byte first; JDBC returns them most significant first. */
    private static byte[] reversed(byte[] bytes) {
        byte[] copy = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            copy[i] = bytes[bytes.length - 1 - i];
        }
        return copy;
    }

    private static Instant micros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L);
    }

    /** {@code [-]H..H:MM:SS[.ffffff]} as microseconds. */
    static long timeMicros(String text) {
        boolean negative = text.startsWith("-");
        String[] parts = (negative ? text.substring(1) : text).split(":");
        long hours = Long.parseLong(parts[0]);
        long minutes = Long.parseLong(parts[1]);
        String[] seconds = parts[2].split("\\.");
        long micros = 0;
        if (seconds.length > 1) {
            String fraction = (seconds[1] + "000000").substring(0, 6);
            micros = Long.parseLong(fraction);
        }
        long total = ((hours * 60 + minutes) * 60 + Long.parseLong(seconds[0])) * 1_000_000 + micros;
        return negative ? -total : total;
    }

    private static String timeLiteral(long micros) {
        long abs = Math.abs(micros);
        long seconds = abs / 1_000_000;
        return String.format(Locale.ROOT, "%s%d:%02d:%02d.%06d", micros < 0 ? "-" : "", seconds / 3600, seconds / 60 % 60,
                seconds % 60, abs % 1_000_000);
    }
}
