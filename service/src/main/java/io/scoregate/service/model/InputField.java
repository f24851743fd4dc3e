package io.scoregate.service.model;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/** The application fields a model artifact's feature spec may read, by their JSON name. */
public enum InputField {
    BUSINESS_AGE_MONTHS("businessAgeMonths", 0, 1200, a -> OptionalDouble.of(a.businessAgeMonths())),
    MONTHLY_REVENUE_KES("monthlyRevenueKes", 0, 1e10, a -> OptionalDouble.of(a.monthlyRevenueKes())),
    REVENUE_VOLATILITY("revenueVolatility", 0, 1, a -> OptionalDouble.of(a.revenueVolatility())),
    MOBILE_MONEY_TXNS_PER_MONTH("mobileMoneyTxnsPerMonth", 0, 10_000_000,
            a -> OptionalDouble.of(a.mobileMoneyTxnsPerMonth())),
    EXISTING_DEBT_KES("existingDebtKes", 0, 1e10, a -> OptionalDouble.of(a.existingDebtKes())),
    PRIOR_LOANS_REPAID("priorLoansRepaid", 0, 10_000, a -> OptionalDouble.of(a.priorLoansRepaid())),
    PRIOR_DEFAULTS("priorDefaults", 0, 10_000, a -> OptionalDouble.of(a.priorDefaults())),
    /** The one optional numeric field: absent, a feature reading it uses the feature's {@code missing} value. */
    CRB_SCORE("crbScore", 200, 900, a -> a.crbScore().isPresent()
            ? OptionalDouble.of(a.crbScore().getAsInt()) : OptionalDouble.empty()),
    /** Validated as 0 < amount <= 1e10 ({@link #lowestIncluded()}); the closed range [0, 1e10] contains that. */
    REQUESTED_AMOUNT_KES("requestedAmountKes", 0, 1e10, a -> OptionalDouble.of(a.requestedAmountKes())),
    TENOR_MONTHS("tenorMonths", 1, 60, a -> OptionalDouble.of(a.tenorMonths())),
    /** Not numeric: only the {@code equals} transform reads it; as a number it is always absent. */
    SECTOR("sector", Double.NaN, Double.NaN, a -> OptionalDouble.empty());

    private final String jsonName;
    private final double lowest;
    private final double highest;
    private final Function<LoanApplication, OptionalDouble> reader;

    InputField(String jsonName, double lowest, double highest, Function<LoanApplication, OptionalDouble> reader) {
        this.jsonName = jsonName;
        this.lowest = lowest;
        this.highest = highest;
        this.reader = reader;
    }

    public String jsonName() {
        return jsonName;
    }

    /**
     * The smallest value a validated request can carry in this field: the one source of the request's ranges
     * (README "The scoring API"), which {@code scoring.ApplicationReader} enforces and {@code rest.ApplicationRanges}
     * writes into the OpenAPI schema. NaN for {@link #SECTOR}, which has no numeric value. The parser's
     * numeric-safety proof starts from these bounds.
     */
    public double lowest() {
        return lowest;
    }

    /** The largest value a validated request can carry in this field; NaN for {@link #SECTOR}. */
    public double highest() {
        return highest;
    }

    /**
     * Whether {@link #lowest()} itself is a valid value; false only for the requested amount (0 KES is no request).
     * The closed range stays a sound bound for the numeric-safety proof either way.
     */
    public boolean lowestIncluded() {
        return this != REQUESTED_AMOUNT_KES;
    }

    /** Whether a validated request always has a numeric value here; if not, a feature falls back to {@code missing}. */
    public boolean alwaysPresent() {
        return this != CRB_SCORE && this != SECTOR;
    }

    /** The numeric value; empty when the applicant did not give this optional field (only crbScore). */
    public OptionalDouble numeric(LoanApplication application) {
        return reader.apply(application);
    }

    /** The value as text, used by the {@code equals} transform (sector names, or numbers as text). */
    public String text(LoanApplication application) {
        if (this == SECTOR) {
            return application.sector().name();
        }
        OptionalDouble v = numeric(application);
        return v.isPresent() ? Double.toString(v.getAsDouble()) : "";
    }

    public static Optional<InputField> byJsonName(String name) {
        return Arrays.stream(values()).filter(f -> f.jsonName.equals(name)).findFirst();
    }
}
