package io.scoregate.service.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scoregate.contract.Sector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;

/**
 * Random artifacts and applications for the property tests. Artifacts are JSON, so the parser decides what is
 * valid; they lean on the edges the numeric-safety proof is about (a {@code missing} at or near -1, ratios over the
 * optional field, parameters and thresholds near and past their limits, clips that are absent, tight or inverted),
 * so a good share is refused and the rest sits close to what is refused. Applications cover each field's full
 * validated range, its ends included (0 revenue, the smallest positive amount, 1e10 KES, absent crbScore).
 */
final class RandomModels {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final InputField[] NUMERIC = Arrays.stream(InputField.values())
            .filter(f -> f != InputField.SECTOR).toArray(InputField[]::new);
    /** {@code missing} values at the edge of what log1p and ratio accept, and past the bounds. */
    private static final double[] EDGE_MISSING = {-1, -2.5, Math.nextDown(-1.0), -1.000001, -999, -1e12, 1e12, 1e13,
            Math.nextUp(-1.0), -0.999999};
    private static final double[] EDGE_SCALES = {0, 100, 1e4, 1e6, 2e6};
    private static final double[] SAFE_SCALES = {1e-9, 1e-6, 1e-3, 0.05, 0.1, 1};
    private static final double[] RISK = {0, 0, 0.03, 0.03, 0.15, 0.5};

    private RandomModels() {
    }

    /**
     * One random artifact, logistic-scorecard or gradient-boosted-trees at random. Each artifact draws a risk: the
     * chance that any one of its numbers is taken from the edges (near or past a limit, a {@code missing} at -1, an
     * inverted clip) instead of from what a fitted model would hold. Risk 0 artifacts are mostly accepted, risk 0.5
     * ones mostly refused; the ones accepted at risk 0.03 or 0.15 are the interesting ones.
     */
    static String artifact(Random r) {
        double risk = RISK[r.nextInt(RISK.length)];
        int n = r.nextDouble() < 0.1 ? 1 : r.nextDouble() < 0.1 ? 2 : 3 + r.nextInt(14);
        List<Map<String, Object>> features = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            features.add(feature(r, "f" + i, risk));
        }
        boolean trees = r.nextBoolean();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("formatVersion", 1);
        root.put("id", "prop");
        root.put("family", trees ? "gradient-boosted-trees" : "logistic-scorecard");
        root.put("features", features);
        root.put("parameters", trees ? trees(r, n, risk) : scorecard(r, n, risk));
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> feature(Random r, String name, double risk) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", name);
        double t = r.nextDouble();
        String transform = t < 0.25 ? "identity" : t < 0.5 ? "log1p" : t < 0.72 ? "ratio" : t < 0.86 ? "equals" : "missing";
        f.put("transform", transform);
        InputField input = InputField.SECTOR;
        if (transform.equals("equals") && r.nextDouble() < 0.6) {
            f.put("input", "sector");
            f.put("equals", Sector.values()[r.nextInt(Sector.values().length)].name());
        } else {
            // crbScore, the one optional field, is where `missing` matters: give it a fair share
            input = r.nextDouble() < 0.35 ? InputField.CRB_SCORE : NUMERIC[r.nextInt(NUMERIC.length)];
            f.put("input", input.jsonName());
            if (transform.equals("equals")) {
                f.put("equals", r.nextBoolean() ? "700.0" : "36.0");
            }
        }
        if (transform.equals("ratio")) {
            double p = r.nextDouble();
            f.put("per", p < 0.05 ? "sector" : p < 0.45 ? "crbScore" : NUMERIC[r.nextInt(NUMERIC.length)].jsonName());
        }
        if (r.nextDouble() < 0.7) {
            f.put("missing", r.nextDouble() < risk ? EDGE_MISSING[r.nextInt(EDGE_MISSING.length)]
                    : r.nextBoolean() ? 550.0 : r.nextBoolean() ? 0.0 : -0.5 + r.nextGaussian() * 100 * r.nextDouble());
        }
        if (r.nextDouble() < risk) {
            double[] edges = {1e12, -1e12, 2e12, -5e12, 50, 0};
            f.put(r.nextBoolean() ? "min" : "max", edges[r.nextInt(edges.length)]);
            if (r.nextBoolean()) { // both, in either order: inverted half the time
                f.put(f.containsKey("min") ? "max" : "min", -10 + r.nextDouble() * 1010);
            }
        } else {
            // a clip as a fitted model has one: mostly on the long-tailed amounts
            boolean longTail = input.highest() > 1e6 || transform.equals("ratio");
            double lo = r.nextDouble() < 0.7 ? 0 : -10 + r.nextDouble() * 20;
            if (r.nextDouble() < 0.3) {
                f.put("min", lo);
            }
            if (r.nextDouble() < (longTail ? 0.8 : 0.3)) {
                f.put("max", lo + 1 + r.nextDouble() * (r.nextBoolean() ? 100 : 1e5));
            }
        }
        return f;
    }

    private static double parameter(Random r, double risk) {
        if (r.nextDouble() < risk) {
            double p = r.nextDouble();
            return p < 0.15 ? (r.nextBoolean() ? 1e308 : -1e308) : p < 0.3 ? 0.0
                    : r.nextGaussian() * EDGE_SCALES[r.nextInt(EDGE_SCALES.length)];
        }
        return r.nextGaussian() * SAFE_SCALES[r.nextInt(SAFE_SCALES.length)];
    }

    private static Map<String, Object> scorecard(Random r, int n, double risk) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("intercept", r.nextDouble() < risk ? parameter(r, 1) : r.nextGaussian() * 3);
        Map<String, Object> coefficients = new LinkedHashMap<>();
        Map<String, Object> references = new LinkedHashMap<>();
        boolean withReferences = r.nextBoolean();
        for (int i = 0; i < n; i++) {
            coefficients.put("f" + i, parameter(r, risk));
            if (withReferences && r.nextDouble() < 0.7) {
                references.put("f" + i, r.nextDouble() < risk ? (r.nextBoolean() ? 5e11 : r.nextGaussian() * 1e6)
                        : r.nextGaussian() * 10);
            }
        }
        p.put("coefficients", coefficients);
        if (withReferences) {
            p.put("references", references);
        }
        return p;
    }

    private static Map<String, Object> trees(Random r, int n, double risk) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("baseLogOdds", r.nextDouble() < risk ? parameter(r, 1) : r.nextGaussian() * 2);
        List<Map<String, Object>> trees = new ArrayList<>();
        int count = 1 + r.nextInt(12);
        for (int t = 0; t < count; t++) {
            Tree tree = new Tree();
            double scale = r.nextDouble() < risk ? new double[] {1e3, 1e5, 4e5}[r.nextInt(3)]
                    : new double[] {0.01, 0.1, 1}[r.nextInt(3)];
            tree.node(r, n, 0, 1 + r.nextInt(4), scale, risk);
            trees.add(tree.toJson());
        }
        p.put("trees", trees);
        return p;
    }

    /** A random binary tree in the artifact's flat layout, nodes in pre-order (children after their parent). */
    private static final class Tree {
        final List<Integer> feature = new ArrayList<>();
        final List<Double> threshold = new ArrayList<>();
        final List<Integer> left = new ArrayList<>();
        final List<Integer> right = new ArrayList<>();
        final List<Double> value = new ArrayList<>();

        int node(Random r, int featureCount, int depth, int maxDepth, double scale, double risk) {
            int i = feature.size();
            feature.add(-1);
            threshold.add(0.0);
            left.add(-1);
            right.add(-1);
            value.add(r.nextDouble() < risk / 20 ? 1e308 : r.nextGaussian() * scale);
            if (depth < maxDepth && r.nextDouble() < 0.8) {
                feature.set(i, r.nextInt(featureCount));
                double q = r.nextDouble();
                threshold.set(i, r.nextDouble() < risk / 5 ? (r.nextBoolean() ? -1e12 : 5e12)
                        : q < 0.4 ? r.nextGaussian() * 10 : q < 0.8 ? r.nextDouble() * 1000 : r.nextDouble() * 1e10);
                left.set(i, node(r, featureCount, depth + 1, maxDepth, scale, risk));
                right.set(i, node(r, featureCount, depth + 1, maxDepth, scale, risk));
            }
            return i;
        }

        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("feature", feature);
            m.put("threshold", threshold);
            m.put("left", left);
            m.put("right", right);
            m.put("value", value);
            return m;
        }
    }

    /** A random application that validation accepts: every field inside its range, ends included. */
    static LoanApplication application(Random r) {
        return new LoanApplication("app-" + r.nextInt(1_000_000), "acme-bank",
                Sector.values()[r.nextInt(Sector.values().length)],
                whole(r, InputField.BUSINESS_AGE_MONTHS), amount(r, false), fraction(r),
                whole(r, InputField.MOBILE_MONEY_TXNS_PER_MONTH), amount(r, false), whole(r, InputField.PRIOR_LOANS_REPAID),
                whole(r, InputField.PRIOR_DEFAULTS),
                r.nextDouble() < 0.3 ? OptionalInt.empty() : OptionalInt.of(whole(r, InputField.CRB_SCORE)),
                amount(r, true), whole(r, InputField.TENOR_MONTHS));
    }

    private static int whole(Random r, InputField f) {
        int lo = (int) f.lowest();
        int hi = (int) f.highest();
        double p = r.nextDouble();
        if (p < 0.15) {
            return lo;
        }
        if (p < 0.3) {
            return hi;
        }
        if (p < 0.65) { // log-uniform: the small counts most applicants have
            return (int) Math.min(hi, Math.max(lo, Math.round(Math.pow(hi - lo + 1.0, r.nextDouble()) - 1 + lo)));
        }
        return lo + r.nextInt(hi - lo + 1);
    }

    /** An amount in KES: [0, 1e10], or (0, 1e10] when {@code positive} (requestedAmountKes). */
    private static double amount(Random r, boolean positive) {
        double p = r.nextDouble();
        if (p < 0.1) {
            return positive ? Double.MIN_VALUE : 0.0;
        }
        if (p < 0.2) {
            return 1e10;
        }
        if (p < 0.25) {
            return r.nextBoolean() ? 1e-300 : 0.5;
        }
        return Math.pow(10, r.nextDouble() * 10);
    }

    private static double fraction(Random r) {
        double p = r.nextDouble();
        return p < 0.15 ? 0.0 : p < 0.3 ? 1.0 : p < 0.35 ? Double.MIN_VALUE : r.nextDouble();
    }
}
