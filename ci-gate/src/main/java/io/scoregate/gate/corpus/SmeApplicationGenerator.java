package io.scoregate.gate.corpus;

import io.scoregate.contract.Sector;
import java.util.Map;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded generator of realistic Kenyan SME loan applications: the same seed gives the same sequence.
 *
 * <p>Shapes, chosen to look like a small lender's book rather than uniform noise: monthly revenue is
 * lognormal with a median near KES 300k, so about 95% fall between KES 50k and 2M; M-Pesa transaction
 * counts follow revenue through an average ticket of a few hundred to a few thousand shillings; a CRB
 * score is missing for ~45% of applicants (thin-file businesses); requested amounts are around one to
 * two months of revenue, rounded to KES 1,000; tenors are the usual 3-36 month products.
 */
public final class SmeApplicationGenerator implements RequestCorpus {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Sector[] SECTORS = Sector.values();
    /**
     * How often each sector shows up among Kenyan SME loan applicants: rough shares of the informal-and-small-business
     * economy (retail and services dominate, farming is big but under-banked), not a statistic from a dataset. Every
     * sector of the contract has a weight, or the class fails to load.
     */
    private static final double[] SECTOR_WEIGHTS = sectorWeights(Map.of(
            Sector.RETAIL, 0.34, Sector.SERVICES, 0.20, Sector.AGRICULTURE, 0.16, Sector.TRANSPORT, 0.10,
            Sector.HOSPITALITY, 0.08, Sector.MANUFACTURING, 0.07, Sector.OTHER, 0.05));
    private static final List<String> LENDERS =
            List.of("lender-ke-01", "lender-ke-02", "lender-ke-03", "lender-ke-04", "lender-ke-05");
    // Two big lenders and a tail, as in a marketplace where a few partners carry most volume.
    private static final double[] LENDER_WEIGHTS = {0.32, 0.26, 0.18, 0.14, 0.10};
    private static final int[] TENORS = {3, 6, 9, 12, 18, 24, 36};
    private static final double[] TENOR_WEIGHTS = {0.12, 0.26, 0.10, 0.26, 0.10, 0.10, 0.06};

    private final SplittableRandom random;
    private long sequence;

    public SmeApplicationGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @Override
    public RequestBody next() {
        sequence++;
        String lenderId = LENDERS.get(pick(LENDER_WEIGHTS));
        Sector sector = SECTORS[pick(SECTOR_WEIGHTS)];
        double revenue = clamp(lognormal(300_000, 0.92), 5_000, 50_000_000);
        int ageMonths = (int) clamp(Math.round(lognormal(36, 0.9)), 0, 600);
        double volatility = round2(clamp(0.05 + 0.6 * Math.pow(random.nextDouble(), 1.6), 0, 1));
        double avgTicket = lognormal(1_200, 0.5);
        int txns = (int) clamp(Math.round(revenue / avgTicket * (0.6 + 0.8 * random.nextDouble())), 0, 1_000_000);
        double debt = random.nextDouble() < 0.40 ? 0 : roundTo(revenue * lognormal(0.5, 0.8), 100);
        int repaid = geometric(2.0);
        int defaults = random.nextDouble() < 0.87 ? 0 : (random.nextDouble() < 0.75 ? 1 : 2);
        double requested = Math.max(5_000, roundTo(revenue * lognormal(1.5, 0.6), 1_000));
        int tenor = TENORS[pick(TENOR_WEIGHTS)];

        ObjectNode body = JSON.createObjectNode();
        body.put("applicationId", applicationId(random.nextInt(), sequence));
        body.put("lenderId", lenderId);
        body.put("sector", sector.name());
        body.put("businessAgeMonths", ageMonths);
        body.put("monthlyRevenueKes", roundTo(revenue, 1));
        body.put("revenueVolatility", volatility);
        body.put("mobileMoneyTxnsPerMonth", txns);
        body.put("existingDebtKes", debt);
        body.put("priorLoansRepaid", repaid);
        body.put("priorDefaults", defaults);
        if (random.nextDouble() >= 0.45) {
            // Thin-file applicants have no bureau record: the field is absent, not zero.
            body.put("crbScore", (int) clamp(Math.round(600 + 90 * gaussian()), 200, 900));
        }
        body.put("requestedAmountKes", Math.min(requested, 1e9));
        body.put("tenorMonths", tenor);
        return new RequestBody(lenderId, body.toString());
    }

    /** {@code app-%08x-%06d}, without {@code String.format}'s parsing for every request of a load run. */
    static String applicationId(int random, long sequence) {
        String hex = Integer.toHexString(random);
        String seq = Long.toString(sequence);
        var id = new StringBuilder(4 + 8 + 1 + Math.max(6, seq.length())).append("app-");
        id.append("00000000", 0, 8 - hex.length()).append(hex).append('-');
        if (seq.length() < 6) {
            id.append("000000", 0, 6 - seq.length());
        }
        return id.append(seq).toString();
    }

    private static double[] sectorWeights(Map<Sector, Double> weights) {
        double[] w = new double[SECTORS.length];
        for (int i = 0; i < w.length; i++) {
            Double weight = weights.get(SECTORS[i]);
            if (weight == null) {
                throw new IllegalStateException("no applicant share for sector " + SECTORS[i]);
            }
            w[i] = weight;
        }
        return w;
    }

    private int pick(double[] weights) {
        double u = random.nextDouble();
        double acc = 0;
        for (int i = 0; i < weights.length; i++) {
            acc += weights[i];
            if (u < acc) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private double lognormal(double median, double sigma) {
        return median * Math.exp(sigma * gaussian());
    }

    private double gaussian() {
        // Box-Muller on SplittableRandom, which (unlike Random) has no nextGaussian in Java 17.
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    private int geometric(double mean) {
        double p = 1.0 / (1.0 + mean);
        return (int) Math.min(200, Math.floor(Math.log(1.0 - random.nextDouble()) / Math.log(1.0 - p)));
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static double roundTo(double v, double unit) {
        return Math.round(v / unit) * unit;
    }

    private static double round2(double v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
