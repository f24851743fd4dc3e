package io.scoregate.gate.analyze;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.zip.GZIPOutputStream;

/**
 * Writes synthetic access logs with a planted incident: requests every {@code stepMs} from {@code start},
 * lognormal healthy latency (median 100 ms), and a {@link Scenario} that routes each request (version,
 * endpoint, lender, region) and decides, after the change time, whether it is degraded. Seeded, so a test
 * gets the same log every run. Also the generator of bench/analyze-throughput.sh (see {@link #main}).
 */
public final class IncidentLogGenerator {

    static final String[] ENDPOINTS = {"/risk-score", "/funding-approve"};
    static final String[] REGIONS = {"ke-nairobi", "ke-mombasa", "ke-west"};
    static final int LENDERS = 12;
    static final double DEADLINE_MS = 500;

    /** One request before its latency is decided. */
    record Request(long epochMs, boolean afterChange, String version, String endpoint, String lender, String region) {
    }

    /** How one scenario routes requests and which of them it slows down. */
    interface Scenario {
        String version(boolean afterChange, String lender, RandomGenerator rnd);

        /** For scenarios with their own clock (several changes at set times); by default the one above. */
        default String version(long epochMs, boolean afterChange, String lender, RandomGenerator rnd) {
            return version(afterChange, lender, rnd);
        }

        /** The factor the healthy latency is multiplied by (1 = healthy). */
        double slowdown(Request r, RandomGenerator rnd);

        /** Whether the request fails with ERROR (500); never by default. */
        default boolean fails(Request r, RandomGenerator rnd) {
            return false;
        }

        /** The id of lender 1..{@link #LENDERS}. */
        default String lender(int i) {
            return String.format("L%02d", i);
        }
    }

    private IncidentLogGenerator() {
    }

    static Path write(Path file, Scenario scenario, int requests, long seed) throws IOException {
        return write(file, scenario, requests, seed, Instant.parse("2026-11-27T17:30:00Z"), 100);
    }

    static Path write(Path file, Scenario scenario, int requests, long seed, Instant start, long stepMs)
            throws IOException {
        try (OutputStream os = Files.newOutputStream(file);
             Writer w = new BufferedWriter(new OutputStreamWriter(
                     file.toString().endsWith(".gz") ? new GZIPOutputStream(os, 1 << 16) : os,
                     StandardCharsets.UTF_8), 1 << 16)) {
            write(w, scenario, requests, seed, start.toEpochMilli(), stepMs);
        }
        return file;
    }

    static void write(Writer w, Scenario scenario, long requests, long seed, long startMs, long stepMs)
            throws IOException {
        RandomGenerator rnd = new SplittableRandom(seed);
        long changeMs = startMs + requests * stepMs / 2;
        StringBuilder b = new StringBuilder(256);
        for (long i = 0; i < requests; i++) {
            long t = startMs + i * stepMs + rnd.nextInt((int) Math.max(1, stepMs));
            boolean after = t >= changeMs;
            String lender = scenario.lender(1 + rnd.nextInt(LENDERS));
            String endpoint = ENDPOINTS[rnd.nextInt(ENDPOINTS.length)];
            String region = REGIONS[rnd.nextInt(REGIONS.length)];
            String version = scenario.version(t, after, lender, rnd);
            var r = new Request(t, after, version, endpoint, lender, region);
            double latency = 100 * Math.exp(0.3 * rnd.nextGaussian()) * scenario.slowdown(r, rnd);
            String status = latency > DEADLINE_MS ? "TIMEOUT" : "OK";
            if (latency > DEADLINE_MS) {
                latency = DEADLINE_MS + rnd.nextDouble() * 5;
            }
            if (scenario.fails(r, rnd)) {
                status = "ERROR";
                latency = Math.min(latency, DEADLINE_MS);
            }
            b.setLength(0);
            b.append("{\"timestamp\":\"").append(Instant.ofEpochMilli(t)).append("\",\"requestId\":\"req-")
                    .append(i).append("\",\"lenderId\":\"").append(lender).append("\",\"endpoint\":\"")
                    .append(endpoint).append("\",\"modelVersion\":\"").append(version).append("\",\"latencyMs\":")
                    .append(Math.round(latency * 1000) / 1000.0).append(",\"status\":\"").append(status)
                    .append("\",\"httpStatus\":").append(switch (status) {
                        case "OK" -> 200;
                        case "ERROR" -> 500;
                        default -> 504;
                    }).append(",\"region\":\"")
                    .append(region).append("\"}\n");
            w.write(b.toString());
        }
    }

    /**
     * {@code main FILE LINES [two-causes]}: a log of LINES requests (10 ms apart) with a v1.3 rollout to 30% of
     * traffic halfway that is 7x slower; or, with {@code two-causes}, issue 14's log (75 ms apart from 14:00,
     * v6.1 5x slower from 14:08, half of ke-lender-04's requests ERROR from 14:15). gzip when FILE ends in
     * .gz. Used by bench/analyze-throughput.sh.
     */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        long lines = Long.parseLong(args[1]);
        boolean twoCauses = args.length > 2 && args[2].equals("two-causes");
        try (OutputStream os = Files.newOutputStream(file);
             Writer w = new BufferedWriter(new OutputStreamWriter(
                     file.toString().endsWith(".gz") ? new GZIPOutputStream(os, 1 << 16) : os,
                     StandardCharsets.UTF_8), 1 << 20)) {
            if (twoCauses) {
                write(w, Scenarios.independentCauses(Instant.parse("2026-11-27T14:08:00Z"),
                        Instant.parse("2026-11-27T14:15:00Z"), null), lines, 14,
                        Instant.parse("2026-11-27T14:00:00Z").toEpochMilli(), 75);
            } else {
                write(w, Scenarios.versionRollout(), lines, 42, Instant.parse("2026-11-27T00:00:00Z").toEpochMilli(), 10);
            }
        }
    }
}
