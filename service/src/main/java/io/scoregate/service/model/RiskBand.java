package io.scoregate.service.model;

/** Risk bands by probability of default: A below 3%, B below 7%, C below 15%, D below 30%, E from 30%. */
public enum RiskBand {
    A(0.03), B(0.07), C(0.15), D(0.30), E(Double.POSITIVE_INFINITY);

    private final double pdBelow;

    RiskBand(double pdBelow) {
        this.pdBelow = pdBelow;
    }

    public static RiskBand of(double probabilityOfDefault) {
        for (RiskBand band : values()) {
            if (probabilityOfDefault < band.pdBelow) {
                return band;
            }
        }
        return E;
    }
}
