package io.scoregate.contract;

/** The scoring endpoints, by the path that is also their metric tag and access-log value. */
public enum Endpoint {
    RISK_SCORE("/risk-score"),
    FUNDING_APPROVE("/funding-approve");

    private final String path;

    Endpoint(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }
}
