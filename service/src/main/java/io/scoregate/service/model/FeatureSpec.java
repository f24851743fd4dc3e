package io.scoregate.service.model;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One model feature: how to compute it from the application. The result is clipped to [min, max] so a
 * model only ever sees the range it was trained on.
 *
 * @param name      the feature's name, used by the parameters and in reason codes
 * @param input     the application field it reads
 * @param transform how it is computed
 * @param per       the denominator field of a {@link Transform#RATIO}
 * @param equals    the value an {@link Transform#EQUALS} feature tests for
 * @param missing   the value used when an optional input is absent
 * @param min       lower clip bound
 * @param max       upper clip bound
 */
public record FeatureSpec(String name, InputField input, Transform transform, Optional<InputField> per,
                          Optional<String> equals, double missing, double min, double max) {

    public double evaluate(LoanApplication application) {
        double raw = switch (transform) {
            case EQUALS -> input.text(application).equals(equals.orElse("")) ? 1.0 : 0.0;
            case MISSING -> input.numeric(application).isPresent() ? 0.0 : 1.0;
            case IDENTITY -> value(application);
            case LOG1P -> Math.log1p(value(application));
            case RATIO -> value(application) / (per.map(p -> orMissing(p.numeric(application))).orElse(0.0) + 1.0);
        };
        return Math.max(min, Math.min(max, raw));
    }

    private double value(LoanApplication application) {
        return orMissing(input.numeric(application));
    }

    private double orMissing(OptionalDouble v) {
        return v.isPresent() ? v.getAsDouble() : missing;
    }
}
