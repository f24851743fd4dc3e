package io.scoregate.service.problem;

import java.util.List;

/**
 * Ends a request with a problem answer: its type (and so its status), the detail the client reads, and the bad
 * fields. Plain Java, so the scoring pipeline can end a request with it; rest/ turns it into the document.
 */
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

    /** The bad fields; empty when the problem is not about fields. */
    public List<FieldError> errors() {
        return errors;
    }
}
