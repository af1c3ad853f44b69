package io.handoff.common.json;

/**
 * Unchecked failure to write or read JSON. The message names the direction and the Java type, and
 * carries Jackson's description of what went wrong (never the whole input, which may be large).
 */
public final class JsonCodecException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message giving context and the underlying cause. */
    public JsonCodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
