package io.handoff.planner.plan;

import java.util.List;
import java.util.stream.Collectors;

/** A plan refused before anything was sent, with every field that is wrong. */
public class InvalidPlanException extends RuntimeException {
    private final transient List<FieldError> errors;

    public InvalidPlanException(List<FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
