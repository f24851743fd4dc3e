package io.scoregate.service.model;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/** The application fields a model artifact's feature spec may read, by their JSON name. */
public enum InputField {
    BUSINESS_AGE_MONTHS("businessAgeMonths", a -> OptionalDouble.of(a.businessAgeMonths())),
    MONTHLY_REVENUE_KES("monthlyRevenueKes", a -> OptionalDouble.of(a.monthlyRevenueKes())),
    REVENUE_VOLATILITY("revenueVolatility", a -> OptionalDouble.of(a.revenueVolatility())),
    MOBILE_MONEY_TXNS_PER_MONTH("mobileMoneyTxnsPerMonth", a -> OptionalDouble.of(a.mobileMoneyTxnsPerMonth())),
    EXISTING_DEBT_KES("existingDebtKes", a -> OptionalDouble.of(a.existingDebtKes())),
    PRIOR_LOANS_REPAID("priorLoansRepaid", a -> OptionalDouble.of(a.priorLoansRepaid())),
    PRIOR_DEFAULTS("priorDefaults", a -> OptionalDouble.of(a.priorDefaults())),
    CRB_SCORE("crbScore", a -> a.crbScore().isPresent()
            ? OptionalDouble.of(a.crbScore().getAsInt()) : OptionalDouble.empty()),
    REQUESTED_AMOUNT_KES("requestedAmountKes", a -> OptionalDouble.of(a.requestedAmountKes())),
    TENOR_MONTHS("tenorMonths", a -> OptionalDouble.of(a.tenorMonths())),
    /** Not numeric: only the {@code equals} transform reads it. */
    SECTOR("sector", a -> OptionalDouble.empty());

    private final String jsonName;
    private final Function<LoanApplication, OptionalDouble> reader;

    InputField(String jsonName, Function<LoanApplication, OptionalDouble> reader) {
        this.jsonName = jsonName;
        this.reader = reader;
    }

    public String jsonName() {
        return jsonName;
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
