package io.scoregate.gate.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import io.scoregate.contract.Sector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SmeApplicationGeneratorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("applicationId", "lenderId", "sector", "businessAgeMonths",
            "monthlyRevenueKes", "revenueVolatility", "mobileMoneyTxnsPerMonth", "existingDebtKes",
            "priorLoansRepaid", "priorDefaults", "crbScore", "requestedAmountKes", "tenorMonths");

    private static List<JsonNode> sample(long seed, int n) throws Exception {
        var gen = new SmeApplicationGenerator(seed);
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RequestBody body = gen.next();
            JsonNode node = JSON.readTree(body.json());
            assertThat(node.get("lenderId").asText()).isEqualTo(body.lenderId());
            out.add(node);
        }
        return out;
    }

    @Test
    void shouldRepeatTheSameSequenceForTheSameSeed() {
        var a = new SmeApplicationGenerator(7);
        var b = new SmeApplicationGenerator(7);
        var c = new SmeApplicationGenerator(8);
        for (int i = 0; i < 50; i++) {
            RequestBody next = a.next();
            assertThat(b.next()).isEqualTo(next);
            assertThat(c.next()).isNotEqualTo(next);
        }
    }

    @Test
    void shouldProduceOnlyValidFlatApplications() throws Exception {
        Set<String> ids = new java.util.HashSet<>();
        for (JsonNode n : sample(1, 5_000)) {
            n.fieldNames().forEachRemaining(f -> assertThat(FIELDS).contains(f));
            assertThat(ids.add(n.get("applicationId").asText())).isTrue();
            assertThat(n.get("lenderId").asText()).matches("lender-ke-0[1-5]");
            assertThat(n.get("businessAgeMonths").asInt()).isBetween(0, 600);
            assertThat(n.get("monthlyRevenueKes").asDouble()).isBetween(0.0, 1e10);
            assertThat(n.get("revenueVolatility").asDouble()).isBetween(0.0, 1.0);
            assertThat(n.get("mobileMoneyTxnsPerMonth").isInt()).isTrue();
            assertThat(n.get("existingDebtKes").asDouble()).isBetween(0.0, 1e10);
            assertThat(n.get("priorDefaults").asInt()).isGreaterThanOrEqualTo(0);
            assertThat(n.get("requestedAmountKes").asDouble()).isGreaterThan(0.0).isLessThanOrEqualTo(1e10);
            assertThat(n.get("tenorMonths").asInt()).isIn(3, 6, 9, 12, 18, 24, 36);
            if (n.has("crbScore")) {
                assertThat(n.get("crbScore").asInt()).isBetween(200, 900);
            }
        }
    }

    @Test
    void shouldLookLikeAKenyanSmeBook() throws Exception {
        List<JsonNode> apps = sample(2, 10_000);
        double[] revenue = apps.stream().mapToDouble(n -> n.get("monthlyRevenueKes").asDouble()).sorted().toArray();
        double median = revenue[revenue.length / 2];
        long inBand = Arrays.stream(revenue).filter(r -> r >= 50_000 && r <= 2_000_000).count();
        long missingCrb = apps.stream().filter(n -> !n.has("crbScore")).count();
        Map<String, Integer> sectors = new HashMap<>();
        Map<String, Integer> lenders = new HashMap<>();
        apps.forEach(n -> {
            sectors.merge(n.get("sector").asText(), 1, Integer::sum);
            lenders.merge(n.get("lenderId").asText(), 1, Integer::sum);
        });

        assertThat(median).isBetween(250_000.0, 380_000.0);
        assertThat(inBand / (double) revenue.length).isBetween(0.90, 0.99);
        assertThat(missingCrb / (double) apps.size()).isBetween(0.40, 0.50);
        assertThat(sectors.keySet()).containsExactlyInAnyOrder(
                Arrays.stream(Sector.values()).map(Enum::name).toArray(String[]::new));
        assertThat(sectors.get("RETAIL")).isGreaterThan(sectors.get("SERVICES"));
        assertThat(sectors.get("SERVICES")).isGreaterThan(sectors.get("OTHER"));
        assertThat(lenders).hasSize(5);
        assertThat(lenders.get("lender-ke-01")).isGreaterThan(lenders.get("lender-ke-05"));
    }

    @Test
    void shouldFormatApplicationIdsAsStringFormatDid() {
        var random = new java.util.SplittableRandom(3);
        long[] sequences = {1, 9, 99_999, 999_999, 1_000_000, 123_456_789_012L};
        int[] values = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 0xabc, random.nextInt(), random.nextInt()};
        for (long sequence : sequences) {
            for (int value : values) {
                assertThat(SmeApplicationGenerator.applicationId(value, sequence))
                        .isEqualTo(String.format("app-%08x-%06d", value, sequence));
            }
        }
    }
}
