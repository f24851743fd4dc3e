package io.scoregate.gate.analyze;

import io.scoregate.gate.analyze.IncidentLogGenerator.Request;
import io.scoregate.gate.analyze.IncidentLogGenerator.Scenario;
import java.time.Instant;
import java.util.random.RandomGenerator;
import java.util.function.Predicate;

/** The planted incidents of the ranking tests, one cause per dimension plus confounded and collinear ones. */
final class Scenarios {

    private Scenarios() {
    }

    /** v1.3 takes 30% of traffic at the change and is 7x slower (most of its requests time out). */
    static Scenario versionRollout() {
        return new Scenario() {
            public String version(boolean after, String lender, RandomGenerator rnd) {
                return after && rnd.nextDouble() < 0.3 ? "v1.3" : "v1.2";
            }

            public double slowdown(Request r, RandomGenerator rnd) {
                return r.version().equals("v1.3") ? 7 : 1;
            }
        };
    }

    /** One slice of traffic (an endpoint, a lender, a region) gets slow at the change; versions mix throughout. */
    static Scenario sliceSlow(Predicate<Request> slice, double factor) {
        return new Scenario() {
            public String version(boolean after, String lender, RandomGenerator rnd) {
                return rnd.nextDouble() < 0.5 ? "v1.1" : "v1.2";
            }

            public double slowdown(Request r, RandomGenerator rnd) {
                return r.afterChange() && slice.test(r) ? factor : 1;
            }
        };
    }

    /**
     * The version is the cause; lender L07 is pinned to v1.3 (90% of its traffic vs 30% of the others), so
     * it looks slow too, and on top of that a quarter of L07's own requests are genuinely 3x slower.
     */
    static Scenario versionCauseWithPartlySlowLender() {
        return new Scenario() {
            public String version(boolean after, String lender, RandomGenerator rnd) {
                return rolloutPinnedToL07(after, lender, rnd);
            }

            public double slowdown(Request r, RandomGenerator rnd) {
                double f = r.version().equals("v1.3") ? 7 : 1;
                if (r.afterChange() && r.lender().equals("L07") && rnd.nextDouble() < 0.25) {
                    f *= 3;
                }
                return f;
            }
        };
    }

    /**
     * The lender is the cause: half of L07's requests become 6x slower at the change, which is also when
     * v1.3 rolls out, with L07 pinned to it (90% vs 30%). v1.3 itself is as fast as v1.2.
     */
    static Scenario lenderCauseDuringRollout() {
        return new Scenario() {
            public String version(boolean after, String lender, RandomGenerator rnd) {
                return rolloutPinnedToL07(after, lender, rnd);
            }

            public double slowdown(Request r, RandomGenerator rnd) {
                return r.afterChange() && r.lender().equals("L07") && rnd.nextDouble() < 0.5 ? 6 : 1;
            }
        };
    }

    /** After the change v1.3 takes 90% of lender L07's traffic and 30% of everyone else's. */
    private static String rolloutPinnedToL07(boolean after, String lender, RandomGenerator rnd) {
        double share = lender.equals("L07") ? 0.9 : 0.3;
        return after && rnd.nextDouble() < share ? "v1.3" : "v1.2";
    }

    /** v1.3 serves exactly lender L07 after the change and is slow: the log cannot tell the two apart. */
    static Scenario collinearVersionAndLender() {
        return new Scenario() {
            public String version(boolean after, String lender, RandomGenerator rnd) {
                return after && lender.equals("L07") ? "v1.3" : "v1.2";
            }

            public double slowdown(Request r, RandomGenerator rnd) {
                return r.version().equals("v1.3") ? 7 : 1;
            }
        };
    }

    /** Nothing happens. */
    static Scenario healthy() {
        return sliceSlow(r -> false, 1);
    }

    /** v1.3 takes 30% of traffic at the change and is exactly as fast: a rollout that moves nothing. */
    static Scenario harmlessRollout() {
        return new Scenario() {
            public String version(boolean after, String lender, RandomGenerator rnd) {
                return after && rnd.nextDouble() < 0.3 ? "v1.3" : "v1.2";
            }

            public double slowdown(Request r, RandomGenerator rnd) {
                return 1;
            }
        };
    }

    /** Region ke-west's latency grows steadily from 1x at {@code from} to 3x at {@code to}: no step anywhere. */
    static Scenario regionDrift(Instant from, Instant to) {
        return sliceSlowBy(r -> r.region().equals("ke-west") ? 1 + 2 * ramp(r.epochMs(), from, to) : 1);
    }

    private static double ramp(long ms, Instant from, Instant to) {
        double x = (double) (ms - from.toEpochMilli()) / (to.toEpochMilli() - from.toEpochMilli());
        return Math.max(0, Math.min(1, x));
    }

    private static Scenario sliceSlowBy(java.util.function.ToDoubleFunction<Request> factor) {
        return new Scenario() {
            public String version(boolean after, String lender, RandomGenerator rnd) {
                return rnd.nextDouble() < 0.5 ? "v1.1" : "v1.2";
            }

            public double slowdown(Request r, RandomGenerator rnd) {
                return factor.applyAsDouble(r);
            }
        };
    }

    /**
     * Issue 14's log: from {@code slowAt} a new model version v6.1 takes 40% of traffic and is 5x slower;
     * from {@code failAt} half of lender ke-lender-04's requests fail with ERROR, on every version and
     * endpoint. Optionally, from {@code thirdAt}, region ke-west gets 4x slower on every version (a third,
     * independent incident on the same signal as the first); {@code null} for none.
     */
    static Scenario independentCauses(Instant slowAt, Instant failAt, Instant thirdAt) {
        return new Scenario() {
            public String version(boolean after, String lender, RandomGenerator rnd) {
                throw new UnsupportedOperationException("timed scenario");
            }

            @Override
            public String version(long epochMs, boolean after, String lender, RandomGenerator rnd) {
                return epochMs >= slowAt.toEpochMilli() && rnd.nextDouble() < 0.4 ? "v6.1" : "v6.0";
            }

            public double slowdown(Request r, RandomGenerator rnd) {
                double f = r.version().equals("v6.1") ? 5 : 1;
                if (thirdAt != null && r.epochMs() >= thirdAt.toEpochMilli() && r.region().equals("ke-west")) {
                    f *= 4;
                }
                return f;
            }

            @Override
            public boolean fails(Request r, RandomGenerator rnd) {
                return r.epochMs() >= failAt.toEpochMilli() && r.lender().equals("ke-lender-04")
                        && rnd.nextDouble() < 0.5;
            }

            @Override
            public String lender(int i) {
                return String.format("ke-lender-%02d", i);
            }
        };
    }
}
