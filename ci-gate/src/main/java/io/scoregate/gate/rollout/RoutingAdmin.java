package io.scoregate.gate.rollout;

import java.net.URI;

/** The routing admin API of one scoring-service instance, and its metrics endpoint. */
public interface RoutingAdmin {

    /** {@code GET /admin/routing}. */
    RoutingView read(URI target) throws AdminException;

    /** {@code PUT /admin/routing}; the answer is the new table as that instance reports it. */
    RoutingView write(URI target, RoutingChangeRequest change) throws AdminException;

    /** {@code GET /q/metrics}: the request-latency histograms per version. */
    LatencyHistogramSnapshot scrape(URI target) throws AdminException;

    /** A call that did not succeed; {@link #conflict()} says whether the revision moved under us (409). */
    final class AdminException extends Exception {
        private final int httpStatus;

        public AdminException(String message, int httpStatus) {
            super(message);
            this.httpStatus = httpStatus;
        }

        /** 0 when no HTTP answer came back at all. */
        public int httpStatus() {
            return httpStatus;
        }

        public boolean conflict() {
            return httpStatus == 409;
        }

        /** The caller's credentials or request are wrong: retrying will not help. */
        public boolean refused() {
            return httpStatus == 400 || httpStatus == 401 || httpStatus == 403 || httpStatus == 422;
        }
    }
}
