package io.handoff.cutover.messaging;

/**
 * A record on the command topic that is not a valid {@code StepCommand}. Its message locates the
 * record and names what was wrong without quoting the content, which was not produced under the
 * command contract and may hold anything.
 */
public final class MalformedCommandException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    MalformedCommandException(String message) {
        super(message, null, false, false);
    }
}
