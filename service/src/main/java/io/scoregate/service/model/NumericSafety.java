package io.scoregate.service.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The load-time proof that a model computes only finite numbers on every valid application (docs/svc-scoring.md,
 * "Numeric safety"). It starts from the request ranges in {@link InputField} (what validation lets through), follows
 * each feature's transform and clip with interval arithmetic, and bounds the log-odds and every contribution from
 * there. An artifact the proof cannot cover is refused with a message naming the JSON path and value.
 * <p>
 * Why interval arithmetic is exact enough here: every step the scoring code takes per feature (a missing value, x + 1,
 * a division, {@code Math.log1p}, a clip with {@code Math.max/Math.min}) is monotone in each argument once rounded
 * (IEEE 754 rounding is monotone, {@code log1p} is semi-monotonic), so the rounded result at run time lies between
 * the rounded results at the interval's ends, which is what is computed here. The log-odds bounds are sums of
 * absolute values, far (300 orders of magnitude) below overflow, so their own rounding cannot matter.
 * Runs once per artifact at startup; nothing here is on the request path.
 */
final class NumericSafety {

    /**
     * Largest magnitude allowed for a log-odds-valued parameter (intercept, baseLogOdds, coefficient, tree value) and
     * for the reachable log-odds and reason-code contributions. A log-odds beyond about 37 already means a PD of 0 or 1
     * in double precision and a clamped score (the shipped models stay below 80 even in the worst case over all valid
     * applications), so 1e6 refuses no real model; it keeps every sum exact to about 1e-10, far below the 6 decimals
     * of a PD and the 4 of a contribution, and keeps {@code Math.round(contribution * 1e4)} far from the long range.
     */
    static final double MAX_LOG_ODDS = 1e6;

    /**
     * Largest magnitude allowed for a value in feature units: {@code missing}, {@code min}, {@code max}, references
     * and tree thresholds. The largest request field is an amount of at most 1e10 KES; 1e12 leaves room for ratios
     * and sentinels while refusing 1e308 with a message instead of letting it overflow a product.
     */
    static final double MAX_FEATURE_VALUE = 1e12;

    private NumericSafety() {
    }

    /** A closed interval of finite doubles. */
    record Range(double lo, double hi) {

        double magnitude() {
            return Math.max(Math.abs(lo), Math.abs(hi));
        }

        /** The largest |x - reference| over the range. */
        double distanceFrom(double reference) {
            return Math.max(Math.abs(lo - reference), Math.abs(hi - reference));
        }

        @Override
        public String toString() {
            return "[" + number(lo) + ", " + number(hi) + "]";
        }
    }

    /**
     * Every value feature {@code f} can take on a valid application, after transform and clip; refuses a transform
     * that can produce NaN or an infinity on a valid application. {@code where} is the feature's JSON path.
     */
    static Range featureRange(FeatureSpec f, String where) throws InvalidArtifactException {
        Range raw = switch (f.transform()) {
            case EQUALS, MISSING -> new Range(0, 1);
            case IDENTITY -> hull(inputs(f.input(), f.missing()));
            case LOG1P -> log1p(f, where);
            case RATIO -> ratio(f, where);
        };
        Range clipped = new Range(clip(raw.lo(), f), clip(raw.hi(), f));
        if (!Double.isFinite(clipped.lo()) || !Double.isFinite(clipped.hi())) {
            // unreachable with the bounds above (the inputs are at most 1e12 and a denominator at least 2^-53); kept so
            // the proof does not depend on that arithmetic
            throw new InvalidArtifactException(where + " ('" + f.name() + "') can reach " + clipped
                    + " on a valid application; give it a finite `min` and `max`");
        }
        return clipped;
    }

    /** The values an input can take: its request range, plus {@code missing} when the field may be absent. */
    private static List<Range> inputs(InputField input, double missing) {
        List<Range> pieces = new ArrayList<>(2);
        if (input != InputField.SECTOR) {
            pieces.add(new Range(input.lowest(), input.highest()));
        }
        if (!input.alwaysPresent()) {
            pieces.add(new Range(missing, missing));
        }
        return pieces;
    }

    private static Range log1p(FeatureSpec f, String where) throws InvalidArtifactException {
        List<Range> out = new ArrayList<>(2);
        for (Range p : inputs(f.input(), f.missing())) {
            if (p.lo() <= -1) {
                // request ranges start at 0 or above, so only `missing` can get here
                throw new InvalidArtifactException(where + ".missing is " + number(f.missing()) + ", but feature '"
                        + f.name() + "' is log1p of " + f.input().jsonName() + " and takes `missing` when "
                        + f.input().jsonName() + " is absent: log1p(" + number(f.missing()) + ") is "
                        + Math.log1p(f.missing()) + "; log1p needs a `missing` above -1");
            }
            out.add(new Range(Math.log1p(p.lo()), Math.log1p(p.hi())));
        }
        return hull(out);
    }

    private static Range ratio(FeatureSpec f, String where) throws InvalidArtifactException {
        InputField per = f.per().orElseThrow();
        List<Range> out = new ArrayList<>(4);
        for (Range d : inputs(per, f.missing())) {
            double dlo = d.lo() + 1.0;
            double dhi = d.hi() + 1.0;
            if (dlo <= 0 && dhi >= 0) {
                // request ranges start at 0 or above (denominator >= 1), so only `missing` can get here
                throw new InvalidArtifactException(where + ".missing is " + number(f.missing()) + ", but feature '"
                        + f.name() + "' is the ratio " + f.input().jsonName() + " / (" + per.jsonName()
                        + " + 1) and takes `missing` when " + per.jsonName() + " is absent: the denominator is then "
                        + number(dlo) + ", a division by zero; `missing` must not be -1");
            }
            for (Range n : inputs(f.input(), f.missing())) {
                double a = n.lo() / dlo;
                double b = n.lo() / dhi;
                double c = n.hi() / dlo;
                double e = n.hi() / dhi;
                out.add(new Range(Math.min(Math.min(a, b), Math.min(c, e)), Math.max(Math.max(a, b), Math.max(c, e))));
            }
        }
        return hull(out);
    }

    private static double clip(double v, FeatureSpec f) {
        return Math.max(f.min(), Math.min(f.max(), v)); // exactly what FeatureSpec.evaluate does
    }

    private static Range hull(List<Range> pieces) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Range p : pieces) {
            lo = Math.min(lo, p.lo());
            hi = Math.max(hi, p.hi());
        }
        return new Range(lo, hi);
    }

    /**
     * Refuses a scorecard whose log-odds (intercept + sum c_i x_i) or any contribution (c_i (x_i - r_i)) can exceed
     * {@link #MAX_LOG_ODDS} in magnitude on a valid application.
     */
    static void checkScorecard(double intercept, double[] coefficients, double[] references, List<FeatureSpec> specs,
                               List<Range> ranges) throws InvalidArtifactException {
        double bound = Math.abs(intercept);
        int largest = 0;
        for (int i = 0; i < coefficients.length; i++) {
            bound += Math.abs(coefficients[i]) * ranges.get(i).magnitude();
            if (Math.abs(coefficients[i]) * ranges.get(i).magnitude()
                    > Math.abs(coefficients[largest]) * ranges.get(largest).magnitude()) {
                largest = i;
            }
        }
        if (!(bound <= MAX_LOG_ODDS)) {
            throw new InvalidArtifactException("parameters: the log-odds can reach " + number(bound)
                    + " in magnitude on a valid application (|intercept| + the sum of |coefficient| x the largest "
                    + "|feature|; the largest term is parameters.coefficients." + specs.get(largest).name() + " ("
                    + number(coefficients[largest]) + ") x feature " + specs.get(largest).name() + " in "
                    + ranges.get(largest) + "); at most " + number(MAX_LOG_ODDS) + " is allowed: clip the feature "
                    + "with `min`/`max` or shrink the coefficient");
        }
        for (int i = 0; i < coefficients.length; i++) {
            String name = specs.get(i).name();
            double contribution = Math.abs(coefficients[i]) * ranges.get(i).distanceFrom(references[i]);
            if (!(contribution <= MAX_LOG_ODDS)) {
                throw new InvalidArtifactException("parameters.coefficients." + name + " (" + number(coefficients[i])
                        + ") x (feature " + name + " - parameters.references." + name + " (" + number(references[i])
                        + ")), the reason-code contribution, can reach " + number(contribution)
                        + " in magnitude on a valid application (feature " + name + " ranges over " + ranges.get(i)
                        + "); at most " + number(MAX_LOG_ODDS) + " is allowed");
            }
        }
    }

    /**
     * Refuses an ensemble whose log-odds (baseLogOdds + one leaf per tree) or any Saabas contribution (value changes
     * along the walked paths, summed over the trees) can exceed {@link #MAX_LOG_ODDS} in magnitude. Bounds per tree,
     * by one pass from the last node to the root (children come after their parent): the largest |leaf value|
     * reachable, and the largest sum of |value change| along any root-to-leaf path.
     */
    static void checkTrees(double baseLogOdds, List<RegressionTree> trees) throws InvalidArtifactException {
        double logOdds = Math.abs(baseLogOdds);
        double contribution = 0;
        for (RegressionTree t : trees) {
            int[] feature = t.feature();
            double[] value = t.value();
            double[] leaf = new double[feature.length];
            double[] path = new double[feature.length];
            for (int i = feature.length - 1; i >= 0; i--) {
                if (feature[i] < 0) {
                    leaf[i] = Math.abs(value[i]);
                } else {
                    int l = t.left()[i];
                    int r = t.right()[i];
                    leaf[i] = Math.max(leaf[l], leaf[r]);
                    path[i] = Math.max(Math.abs(value[l] - value[i]) + path[l], Math.abs(value[r] - value[i]) + path[r]);
                }
            }
            logOdds += leaf[0];
            contribution += path[0];
        }
        if (!(logOdds <= MAX_LOG_ODDS)) {
            throw new InvalidArtifactException("parameters: the log-odds can reach " + number(logOdds)
                    + " in magnitude (|baseLogOdds| + the largest reachable |leaf value| of each of the "
                    + trees.size() + " trees); at most " + number(MAX_LOG_ODDS) + " is allowed");
        }
        if (!(contribution <= MAX_LOG_ODDS)) {
            throw new InvalidArtifactException("parameters: a reason-code contribution can reach " + number(contribution)
                    + " in magnitude (the largest sum of |value changes| along a root-to-leaf path, over the "
                    + trees.size() + " trees); at most " + number(MAX_LOG_ODDS) + " is allowed");
        }
    }

    /** A number as a person reads it: whole numbers without ".0", others to 10 significant digits, huge ones as 1.0E308. */
    static String number(double d) {
        if (!Double.isFinite(d) || d != 0 && (Math.abs(d) < 1e-6 || Math.abs(d) >= 1e15)) {
            return Double.toString(d);
        }
        return new BigDecimal(d).round(new MathContext(10)).stripTrailingZeros().toPlainString();
    }
}
