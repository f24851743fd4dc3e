package io.scoregate.gate.corpus;

/**
 * Business sectors the scoring service knows, with how often each shows up among Kenyan SME loan
 * applicants. The weights are rough shares of the informal-and-small-business economy (retail and
 * services dominate, farming is big but under-banked), not a statistic from a dataset.
 */
public enum Sector {
    RETAIL(0.34),
    SERVICES(0.20),
    AGRICULTURE(0.16),
    TRANSPORT(0.10),
    HOSPITALITY(0.08),
    MANUFACTURING(0.07),
    OTHER(0.05);

    private final double weight;

    Sector(double weight) {
        this.weight = weight;
    }

    public double weight() {
        return weight;
    }
}
