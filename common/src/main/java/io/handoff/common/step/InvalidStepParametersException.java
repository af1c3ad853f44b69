package io.handoff.common.step;

/** A command's params that do not make the parameters of its step type; the message names the param. */
public final class InvalidStepParametersException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidStepParametersException(String message) {
        super(message);
    }

    public InvalidStepParametersException(String message, Throwable cause) {
        super(message, cause);
    }
}
