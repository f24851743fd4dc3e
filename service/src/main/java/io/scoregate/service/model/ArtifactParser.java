package io.scoregate.service.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a model artifact (format version 1, documented in docs/svc-scoring.md) into a {@link ScoringModel},
 * checking everything a wrong file could get wrong, so a bad artifact fails at startup with a message
 * instead of scoring nonsense. That includes numbers: every constant is finite and bounded, and
 * {@link NumericSafety} proves that no valid application can make a feature, the log-odds or a contribution
 * NaN or infinite (docs/svc-scoring.md, "Numeric safety").
 */
public final class ArtifactParser {

    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ArtifactParser() {
    }

    public static ScoringModel parse(byte[] content) throws InvalidArtifactException {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (IOException e) {
            throw new InvalidArtifactException("not valid JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidArtifactException("the artifact must be a JSON object");
        }
        int format = integer(root, "formatVersion");
        if (format != FORMAT_VERSION) {
            throw new InvalidArtifactException("`formatVersion` must be " + FORMAT_VERSION + ", but was " + format);
        }
        String id = text(root, "id");
        if (!id.matches("[A-Za-z0-9._-]{1,32}")) {
            throw new InvalidArtifactException("`id` must be 1-32 characters of A-Z a-z 0-9 . _ -, but was '" + id + "'");
        }
        String familyName = text(root, "family");
        ModelFamily family = ModelFamily.byArtifactName(familyName).orElseThrow(() -> new InvalidArtifactException(
                "`family` must be logistic-scorecard or gradient-boosted-trees, but was '" + familyName + "'"));
        List<FeatureSpec> features = features(field(root, "features"));
        List<NumericSafety.Range> ranges = new ArrayList<>(features.size());
        for (int i = 0; i < features.size(); i++) {
            ranges.add(NumericSafety.featureRange(features.get(i), "features[" + i + "]"));
        }
        JsonNode parameters = field(root, "parameters");
        LogOddsModel model = switch (family) {
            case LOGISTIC_SCORECARD -> scorecard(parameters, features, ranges);
            case GRADIENT_BOOSTED_TREES -> trees(parameters, features.size());
        };
        Map<String, Object> metadata = root.has("metadata") && root.get("metadata").isObject()
                ? JSON.convertValue(root.get("metadata"), Map.class) : Map.of();
        return new ScoringModel(id, family, new FeatureExtractor(features), model, metadata);
    }

    private static List<FeatureSpec> features(JsonNode node) throws InvalidArtifactException {
        if (!node.isArray() || node.isEmpty()) {
            throw new InvalidArtifactException("`features` must be a non-empty array");
        }
        List<FeatureSpec> specs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode f = node.get(i);
            String where = "features[" + i + "]";
            String name = text(f, "name", where);
            if (!names.add(name)) {
                throw new InvalidArtifactException(where + ": duplicate feature name '" + name + "'");
            }
            InputField input = inputField(text(f, "input", where), where + ".input");
            String transformName = text(f, "transform", where);
            Transform transform = Transform.byArtifactName(transformName).orElseThrow(() ->
                    new InvalidArtifactException(where + ".transform must be identity, log1p, ratio, equals or "
                            + "missing, but was '" + transformName + "'"));
            Optional<InputField> per = Optional.empty();
            if (transform == Transform.RATIO) {
                per = Optional.of(inputField(text(f, "per", where), where + ".per"));
            }
            Optional<String> equals = Optional.empty();
            if (transform == Transform.EQUALS) {
                equals = Optional.of(text(f, "equals", where));
            } else if (input == InputField.SECTOR) {
                throw new InvalidArtifactException(where + ": `sector` can only be read with transform equals");
            }
            double min = number(f, "min", Double.NEGATIVE_INFINITY, where);
            double max = number(f, "max", Double.POSITIVE_INFINITY, where);
            if (min > max) {
                throw new InvalidArtifactException(where + ": min " + min + " is above max " + max);
            }
            double missing = number(f, "missing", 0.0, where);
            specs.add(new FeatureSpec(name, input, transform, per, equals, missing, min, max));
        }
        return specs;
    }

    private static LogOddsModel scorecard(JsonNode p, List<FeatureSpec> features, List<NumericSafety.Range> ranges)
            throws InvalidArtifactException {
        double intercept = logOdds(field(p, "intercept"), "parameters.intercept");
        JsonNode coefficients = field(p, "coefficients");
        JsonNode references = p.has("references") ? p.get("references") : JSON.createObjectNode();
        double[] c = new double[features.size()];
        double[] r = new double[features.size()];
        for (int i = 0; i < c.length; i++) {
            String name = features.get(i).name();
            if (!coefficients.has(name)) {
                throw new InvalidArtifactException("parameters.coefficients has no coefficient for feature '" + name + "'");
            }
            c[i] = logOdds(coefficients.get(name), "parameters.coefficients." + name);
            r[i] = references.has(name) ? featureValue(references.get(name), "parameters.references." + name) : 0.0;
        }
        for (var it = coefficients.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (features.stream().noneMatch(f -> f.name().equals(name))) {
                throw new InvalidArtifactException("parameters.coefficients names '" + name + "', which is not a feature");
            }
        }
        NumericSafety.checkScorecard(intercept, c, r, features, ranges);
        return new LogisticScorecard(intercept, c, r);
    }

    private static LogOddsModel trees(JsonNode p, int featureCount) throws InvalidArtifactException {
        double base = logOdds(field(p, "baseLogOdds"), "parameters.baseLogOdds");
        JsonNode array = field(p, "trees");
        if (!array.isArray() || array.isEmpty()) {
            throw new InvalidArtifactException("parameters.trees must be a non-empty array");
        }
        List<RegressionTree> trees = new ArrayList<>(array.size());
        for (int t = 0; t < array.size(); t++) {
            trees.add(tree(array.get(t), "parameters.trees[" + t + "]", featureCount));
        }
        NumericSafety.checkTrees(base, trees);
        return new GradientBoostedTrees(base, trees, featureCount);
    }

    private static RegressionTree tree(JsonNode n, String where, int featureCount) throws InvalidArtifactException {
        int[] feature = ints(field(n, "feature", where), where + ".feature");
        int size = feature.length;
        double[] threshold = doubles(field(n, "threshold", where), where + ".threshold", size,
                NumericSafety.MAX_FEATURE_VALUE);
        int[] left = ints(field(n, "left", where), where + ".left");
        int[] right = ints(field(n, "right", where), where + ".right");
        double[] value = doubles(field(n, "value", where), where + ".value", size, NumericSafety.MAX_LOG_ODDS);
        if (size == 0 || left.length != size || right.length != size) {
            throw new InvalidArtifactException(where + ": feature, threshold, left, right and value must be "
                    + "non-empty arrays of the same length");
        }
        for (int i = 0; i < size; i++) {
            if (feature[i] >= featureCount) {
                throw new InvalidArtifactException(where + ": node " + i + " splits on feature " + feature[i]
                        + " but the model has " + featureCount + " features");
            }
            // Children must come after their parent: this rules out cycles, so every walk ends at a leaf.
            if (feature[i] >= 0 && (left[i] <= i || right[i] <= i || left[i] >= size || right[i] >= size)) {
                throw new InvalidArtifactException(where + ": node " + i + " has children " + left[i] + "/"
                        + right[i] + "; they must be after it and below " + size);
            }
        }
        return new RegressionTree(feature, threshold, left, right, value);
    }

    private static InputField inputField(String name, String where) throws InvalidArtifactException {
        return InputField.byJsonName(name).orElseThrow(() ->
                new InvalidArtifactException(where + " names unknown application field '" + name + "'"));
    }

    private static JsonNode field(JsonNode node, String name) throws InvalidArtifactException {
        return field(node, name, "");
    }

    private static JsonNode field(JsonNode node, String name, String where) throws InvalidArtifactException {
        JsonNode v = node == null ? null : node.get(name);
        if (v == null || v.isNull()) {
            throw new InvalidArtifactException((where.isEmpty() ? "" : where + ": ") + "missing `" + name + "`");
        }
        return v;
    }

    private static String text(JsonNode node, String name) throws InvalidArtifactException {
        return text(node, name, "");
    }

    private static String text(JsonNode node, String name, String where) throws InvalidArtifactException {
        JsonNode v = field(node, name, where);
        if (!v.isTextual()) {
            throw new InvalidArtifactException((where.isEmpty() ? "" : where + ": ") + "`" + name + "` must be a string");
        }
        return v.asText();
    }

    private static int integer(JsonNode node, String name) throws InvalidArtifactException {
        JsonNode v = field(node, name);
        if (!v.isIntegralNumber()) {
            throw new InvalidArtifactException("`" + name + "` must be an integer");
        }
        return v.asInt();
    }

    /** A feature's {@code missing}, {@code min} or {@code max}: in feature units. */
    private static double number(JsonNode node, String name, double absent, String where)
            throws InvalidArtifactException {
        return node.has(name) ? featureValue(node.get(name), where + "." + name) : absent;
    }

    /** A number in log-odds units (or log-odds per feature unit): intercept, baseLogOdds, coefficient, tree value. */
    private static double logOdds(JsonNode v, String where) throws InvalidArtifactException {
        return bounded(v, where, NumericSafety.MAX_LOG_ODDS);
    }

    /** A number in feature units: missing, min, max, reference, threshold. */
    private static double featureValue(JsonNode v, String where) throws InvalidArtifactException {
        return bounded(v, where, NumericSafety.MAX_FEATURE_VALUE);
    }

    private static double bounded(JsonNode v, String where, double limit) throws InvalidArtifactException {
        if (!v.isNumber()) {
            throw new InvalidArtifactException(where + " must be a finite number");
        }
        double d = v.asDouble();
        if (!(Math.abs(d) <= limit)) { // also refuses NaN and the infinities a number like 1e400 parses to
            throw new InvalidArtifactException(where + " is " + (Double.isFinite(d) ? NumericSafety.number(d)
                    : v.asText()) + "; it must be a finite number from -" + NumericSafety.number(limit) + " to "
                    + NumericSafety.number(limit));
        }
        return d;
    }

    private static int[] ints(JsonNode array, String where) throws InvalidArtifactException {
        if (!array.isArray()) {
            throw new InvalidArtifactException(where + " must be an array");
        }
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            if (!array.get(i).isIntegralNumber()) {
                throw new InvalidArtifactException(where + "[" + i + "] must be an integer");
            }
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    private static double[] doubles(JsonNode array, String where, int size, double limit)
            throws InvalidArtifactException {
        if (!array.isArray() || array.size() != size) {
            throw new InvalidArtifactException(where + " must be an array of " + size + " numbers");
        }
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = bounded(array.get(i), where + "[" + i + "]", limit);
        }
        return out;
    }

    private static String firstLine(String message) {
        String m = message == null ? "" : message;
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

}
