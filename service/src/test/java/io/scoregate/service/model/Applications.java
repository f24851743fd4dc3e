package io.scoregate.service.model;

import io.scoregate.contract.Sector;
import java.util.OptionalInt;

/** Applications for model tests. */
public final class Applications {

    private Applications() {
    }

    /** A typical application; businessAgeMonths and priorDefaults are what the small test models read. */
    public static LoanApplication with(int businessAgeMonths, int priorDefaults) {
        return new LoanApplication("app-1", "acme", Sector.RETAIL, businessAgeMonths, 250_000, 0.2, 120, 100_000,
                2, priorDefaults, OptionalInt.of(640), 300_000, 12);
    }

    public static LoanApplication typical() {
        return with(36, 0);
    }
}
