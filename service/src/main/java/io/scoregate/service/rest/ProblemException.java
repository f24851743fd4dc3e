package io.scoregate.service.rest;

import java.util.List;

/** Ends a request with a problem answer; thrown at the HTTP edge only. */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<FieldError> errors;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public ProblemException(ProblemType type, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public ProblemType type() {
        return type;
    }

    public Problem toProblem(String instance) {
        return Problem.of(type, getMessage(), instance, errors);
    }
}
