package io.handoff.verify;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HexFormat;

/** How column values read by VERIFY are compared (as text) and reported (JSON-shaped). */
final class Values {
    private Values() {
    }

    /** The value as text for pairing rows of both servers; binary values as hex. */
    static String text(Object value) {
        if (value == null) {
            return "\u0000NULL";
        }
        if (value instanceof byte[] bytes) {
            return "0x" + HexFormat.of().formatHex(bytes);
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return value.toString();
    }

    /** Longest text of a value naming a row of a table without key; longer ones are cut. */
    static final int NAMING_CHARS = 100;

    /** A column value naming a row of a table without key: as {@link #json}, text cut to {@value #NAMING_CHARS} characters. */
    static Object naming(Object value) {
        Object json = json(value);
        return json instanceof String text && text.length() > NAMING_CHARS ? text.substring(0, NAMING_CHARS) + "…" : json;
    }

    /** The value as a fact or DriftReport carries it: numbers, strings, booleans and null as they are; the rest as text. */
    static Object json(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Short || value instanceof Byte || value instanceof BigInteger) {
            return value;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return text(value);
    }
}
