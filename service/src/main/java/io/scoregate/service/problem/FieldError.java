package io.scoregate.service.problem;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One bad field in a request: its name, its JSON pointer in the body, and what is wrong with it. */
@RegisterForReflection // serialized by Jackson inside problem documents
public record FieldError(String field, String pointer, String detail) {

    public static FieldError of(String field, String detail) {
        return new FieldError(field, "#/" + field, detail);
    }
}
