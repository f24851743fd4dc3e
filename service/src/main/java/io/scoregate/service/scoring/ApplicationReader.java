package io.scoregate.service.scoring;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import io.scoregate.contract.Sector;
import io.scoregate.service.model.InputField;
import io.scoregate.service.model.LoanApplication;
import io.scoregate.service.problem.FieldError;
import io.scoregate.service.problem.ProblemException;
import io.scoregate.service.problem.ProblemType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Reads and validates a scoring request body. Every field is checked and every problem collected, so one
 * answer names all bad fields. Every number is bounded: an amount of 1e308 KES is a client mistake, not a
 * score. Unknown fields are ignored, so lenders can send extra context without breaking.
 * <p>
 * The numeric fields, their names and their ranges are {@link InputField}'s (the model's numeric-safety proof
 * starts from the same ranges, and rest/ApplicationRanges puts them into the OpenAPI schema); only the two ids
 * are named here. It lives beside the pipeline because reading is one of its steps (after the API key, before the
 * version): plain Jackson streaming into a {@link LoanApplication} and {@link FieldError}s, nothing HTTP.
 */
public final class ApplicationReader {

    private static final String APPLICATION_ID = "applicationId";
    private static final String LENDER_ID = "lenderId";
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final List<String> FIELDS = Stream.concat(Stream.of(APPLICATION_ID, LENDER_ID),
            Arrays.stream(InputField.values()).map(InputField::jsonName)).toList();
    private static final Map<String, Integer> FIELD_INDEX = IntStream.range(0, FIELDS.size()).boxed()
            .collect(Collectors.toUnmodifiableMap(FIELDS::get, i -> i));
    private static final String SECTORS = Arrays.stream(Sector.values()).map(Enum::name)
            .collect(Collectors.joining(", "));

    private ApplicationReader() {
    }

    /** The validated application; throws a {@link ProblemException} (400) naming every bad field. */
    public static LoanApplication read(byte[] body) {
        Value[] values = parse(body);
        List<FieldError> errors = new ArrayList<>();
        Fields f = new Fields(values, errors);
        String applicationId = f.id(APPLICATION_ID, 128);
        String lenderId = f.id(LENDER_ID, 64);
        Sector sector = f.sector(InputField.SECTOR);
        int businessAge = f.integer(InputField.BUSINESS_AGE_MONTHS);
        double revenue = f.number(InputField.MONTHLY_REVENUE_KES);
        double volatility = f.number(InputField.REVENUE_VOLATILITY);
        int txns = f.integer(InputField.MOBILE_MONEY_TXNS_PER_MONTH);
        double debt = f.number(InputField.EXISTING_DEBT_KES);
        int repaid = f.integer(InputField.PRIOR_LOANS_REPAID);
        int defaults = f.integer(InputField.PRIOR_DEFAULTS);
        OptionalInt crb = f.optionalInteger(InputField.CRB_SCORE);
        double requested = f.number(InputField.REQUESTED_AMOUNT_KES);
        int tenor = f.integer(InputField.TENOR_MONTHS);
        if (!errors.isEmpty()) {
            String names = errors.stream().map(FieldError::field).distinct().collect(Collectors.joining(", "));
            throw new ProblemException(ProblemType.INVALID_REQUEST,
                    errors.size() + (errors.size() == 1 ? " field is" : " fields are") + " invalid: " + names, errors);
        }
        return new LoanApplication(applicationId, lenderId, sector, businessAge, revenue, volatility, txns, debt,
                repaid, defaults, crb, requested, tenor);
    }

    /**
     * The values of the known fields, by {@link #FIELDS} index (null where absent), read in one streaming pass:
     * no tree is built for a body whose other fields are ignored anyway. Duplicate keys and anything after the
     * object are malformed JSON, as they would be for a strict tree parse.
     */
    private static Value[] parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "the request body is empty; send a JSON object");
        }
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new ProblemException(ProblemType.MALFORMED_JSON, "the request body must be a JSON object");
            }
            Value[] values = new Value[FIELDS.size()];
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                Integer index = FIELD_INDEX.get(parser.currentName());
                JsonToken token = parser.nextToken();
                Value value = Value.read(parser, token);
                if (index != null) {
                    values[index] = value;
                }
            }
            if (parser.nextToken() != null) {
                throw new ProblemException(ProblemType.MALFORMED_JSON, "the request body is not valid JSON: "
                        + "another value follows the object" + at(parser.currentLocation()));
            }
            return values;
        } catch (IOException e) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "the request body is not valid JSON: "
                    + clean(e));
        }
    }

    /** Jackson's message without the source excerpt (it would echo the body back). */
    private static String clean(IOException e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        m = m == null ? "unreadable" : m;
        int nl = m.indexOf('\n');
        m = nl < 0 ? m : m.substring(0, nl);
        if (e instanceof JsonProcessingException j && j.getLocation() != null) {
            m += at(j.getLocation());
        }
        return m.length() > 300 ? m.substring(0, 300) : m;
    }

    private static String at(JsonLocation location) {
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** What a field held: its JSON kind, its text (numbers as a tree parser would print them) and its number. */
    private record Value(JsonNodeType kind, String text, double number) {

        static Value read(JsonParser parser, JsonToken token) throws IOException {
            return switch (token) {
                case VALUE_STRING -> new Value(JsonNodeType.STRING, parser.getText(), Double.NaN);
                case VALUE_NUMBER_INT -> new Value(JsonNodeType.NUMBER, parser.getNumberValue().toString(),
                        parser.getDoubleValue());
                case VALUE_NUMBER_FLOAT -> {
                    double d = parser.getDoubleValue();
                    yield new Value(JsonNodeType.NUMBER, Double.toString(d), d);
                }
                case VALUE_TRUE, VALUE_FALSE -> new Value(JsonNodeType.BOOLEAN, parser.getText(), Double.NaN);
                case VALUE_NULL -> new Value(JsonNodeType.NULL, "null", Double.NaN);
                case START_OBJECT -> {
                    parser.skipChildren();
                    yield new Value(JsonNodeType.OBJECT, "", Double.NaN);
                }
                case START_ARRAY -> {
                    parser.skipChildren();
                    yield new Value(JsonNodeType.ARRAY, "", Double.NaN);
                }
                default -> throw new ProblemException(ProblemType.MALFORMED_JSON,
                        "the request body is not valid JSON: unexpected " + token + at(parser.currentLocation()));
            };
        }

        boolean isNumber() {
            return kind == JsonNodeType.NUMBER;
        }

        boolean isText() {
            return kind == JsonNodeType.STRING;
        }
    }

    /** Field readers that record an error and return a placeholder, so validation continues past the first. */
    private record Fields(Value[] values, List<FieldError> errors) {

        String id(String name, int maxLength) {
            Value v = present(name);
            if (v == null) {
                return "";
            }
            if (!v.isText()) {
                return bad(name, "`" + name + "` must be a string, but was " + kind(v), "");
            }
            String s = v.text();
            if (s.isBlank() || s.length() > maxLength || !s.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                return bad(name, "`" + name + "` must be 1 to " + maxLength
                        + " printable ASCII characters without spaces, but was " + describe(s), "");
            }
            return s;
        }

        Sector sector(InputField field) {
            String name = field.jsonName();
            Value v = present(name);
            if (v == null) {
                return Sector.OTHER;
            }
            if (!v.isText()) {
                return bad(name, "`" + name + "` must be one of " + SECTORS + ", but was " + kind(v), Sector.OTHER);
            }
            try {
                return Sector.valueOf(v.text());
            } catch (IllegalArgumentException e) {
                return bad(name, "`" + name + "` must be one of " + SECTORS + ", but was " + describe(v.text()),
                        Sector.OTHER);
            }
        }

        int integer(InputField field) {
            Value v = present(field.jsonName());
            return v == null ? 0 : integerValue(field, v);
        }

        OptionalInt optionalInteger(InputField field) {
            Value v = get(field.jsonName());
            if (v == null || v.kind() == JsonNodeType.NULL) {
                return OptionalInt.empty();
            }
            int before = errors.size();
            int value = integerValue(field, v);
            return errors.size() == before ? OptionalInt.of(value) : OptionalInt.empty();
        }

        private int integerValue(InputField field, Value v) {
            String name = field.jsonName();
            long min = (long) field.lowest();
            long max = (long) field.highest();
            if (!v.isNumber()) {
                return bad(name, "`" + name + "` must be a whole number, but was " + kind(v), 0);
            }
            double d = v.number();
            if (!Double.isFinite(d) || d < min || d > max) {
                return bad(name, "`" + name + "` must be between " + min + " and " + max + ", but was "
                        + v.text(), 0);
            }
            if (d != Math.rint(d)) {
                return bad(name, "`" + name + "` must be a whole number, but was " + v.text(), 0);
            }
            return (int) d;
        }

        /** A number in [lowest, highest], or (lowest, highest] when the field's lowest is not included. */
        double number(InputField field) {
            String name = field.jsonName();
            boolean minInclusive = field.lowestIncluded();
            double min = field.lowest();
            double max = field.highest();
            Value v = present(name);
            if (v == null) {
                return 0;
            }
            if (!v.isNumber()) {
                return bad(name, "`" + name + "` must be a number, but was " + kind(v), 0.0);
            }
            double d = v.number();
            boolean aboveMin = minInclusive ? d >= min : d > min;
            if (!Double.isFinite(d) || !aboveMin || d > max) {
                String range = minInclusive ? "between " + fmt(min) + " and " + fmt(max)
                        : "greater than " + fmt(min) + " and at most " + fmt(max);
                return bad(name, "`" + name + "` must be " + range + ", but was " + v.text(), 0.0);
            }
            return d;
        }

        private Value get(String name) {
            return values[FIELD_INDEX.get(name)];
        }

        private Value present(String name) {
            Value v = get(name);
            if (v == null || v.kind() == JsonNodeType.NULL) {
                errors.add(FieldError.of(name, "`" + name + "` is required"));
                return null;
            }
            return v;
        }

        private <T> T bad(String name, String detail, T placeholder) {
            errors.add(FieldError.of(name, detail));
            return placeholder;
        }

        private static String kind(Value v) {
            return switch (v.kind()) {
                case STRING -> "a string";
                case BOOLEAN -> "a boolean";
                case ARRAY -> "an array";
                case OBJECT -> "an object";
                case NUMBER -> "a number";
                default -> v.kind().name().toLowerCase(java.util.Locale.ROOT);
            };
        }

        private static String describe(String s) {
            String shown = s.length() > 40 ? s.substring(0, 40) + "..." : s;
            return "'" + shown.replaceAll("[^\\x20-\\x7e]", "?") + "'";
        }

        private static String fmt(double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }
    }
}
