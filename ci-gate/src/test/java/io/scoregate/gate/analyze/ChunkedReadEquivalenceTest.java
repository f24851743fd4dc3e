package io.scoregate.gate.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scoregate.gate.analyze.report.JsonAnalysisWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parallel read of one plain log (chunks cut at line ends, parsed on several threads, folded in file
 * order), and the batched read of one gzip log, must give exactly the analysis of the sequential
 * record-by-record read: the same JSON, to the last digit. Property style: generated incident logs, each mutated at random (malformed and blank lines, CR and
 * CRLF ends, extra fields of every JSON kind, repeated keys, more than 12 fields, a field with more than 200
 * values, escapes that force the full parser, REJECTED lines, lines out of time order), read with random
 * thread counts and chunk sizes down to a few bytes, so a cut falls inside every kind of line.
 */
class ChunkedReadEquivalenceTest {

    @TempDir
    Path dir;

    private static final List<IncidentLogGenerator.Scenario> SCENARIOS = List.of(Scenarios.versionRollout(),
            Scenarios.lenderCauseDuringRollout(), Scenarios.healthy(), Scenarios.harmlessRollout());

    @Test
    void chunkedReadGivesTheSequentialAnalysisOnMutatedLogs() throws Exception {
        var rnd = new SplittableRandom(20261202);
        for (int round = 0; round < 24; round++) {
            List<String> lines = mutated(generated(round, 1_500 + rnd.nextInt(2_500)), rnd);
            Path log = write(dir.resolve("log-" + round + ".jsonl"), lines, rnd);
            String sequential = json(new IncidentAnalyzer(AnalysisThresholds.DEFAULTS, 0, 1), List.of(log));

            int threads = 1 + rnd.nextInt(4);
            long chunk = switch (rnd.nextInt(3)) {
                case 0 -> 1 + rnd.nextInt(64);
                case 1 -> 64 + rnd.nextInt(4_000);
                default -> 4_000 + rnd.nextInt(200_000);
            };
            String chunked = json(new IncidentAnalyzer(AnalysisThresholds.DEFAULTS, threads, chunk), List.of(log));

            assertThat(chunked).as("round %d, %d threads, chunks of %d bytes", round, threads, chunk)
                    .isEqualTo(sequential);

            // the same log gzipped (same file name): streamed in batches on one thread, against record by record
            Path gzip = Files.createDirectories(dir.resolve("gz-" + round)).resolve(log.getFileName());
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
                Files.copy(log, out);
            }
            String streamed = json(new IncidentAnalyzer(AnalysisThresholds.DEFAULTS, threads, chunk), List.of(gzip));
            assertThat(streamed.replace(gzip.toString(), log.toString())).as("round %d, gzip", round)
                    .isEqualTo(sequential);
        }
    }

    @Test
    void theDefaultAnalyzerGivesTheSameJsonForThePlainFileItsGzipCopyAndTheFileSplitInTwo() throws Exception {
        var rnd = new SplittableRandom(5);
        List<String> lines = mutated(generated(99, 6_000), rnd);
        Path plain = write(dir.resolve("plain.jsonl"), lines, rnd);
        // same file name (the examples name it), gzip content: the reader goes by the magic bytes
        Path gzip = Files.createDirectories(dir.resolve("gz")).resolve("plain.jsonl");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
            Files.copy(plain, out);
        }
        var analyzer = new IncidentAnalyzer(AnalysisThresholds.DEFAULTS);
        var sequential = new IncidentAnalyzer(AnalysisThresholds.DEFAULTS, 0, 1);

        String fromPlain = json(analyzer, List.of(plain));
        assertThat(fromPlain).isEqualTo(json(sequential, List.of(plain)));
        // the gzip copy is streamed on one thread: only its path in "files" may differ
        assertThat(json(analyzer, List.of(gzip)).replace(gzip.toString(), plain.toString())).isEqualTo(fromPlain);

        Path first = Files.write(dir.resolve("first.jsonl"), lines.subList(0, lines.size() / 2));
        Path second = Files.write(dir.resolve("second.jsonl"), lines.subList(lines.size() / 2, lines.size()));
        assertThat(json(analyzer, List.of(first, second))).isEqualTo(json(sequential, List.of(first, second)));
    }

    /**
     * Several logs, each parsed on its own thread and merged by time into batches, against the record-by-record
     * merge: the same lines dealt out to two to four files (some gzipped, one sometimes empty or all malformed),
     * some lines in two files at once so that equal timestamps meet and the file named first must win.
     */
    @Test
    void severalLogsMergedInBatchesGiveTheRecordByRecordMerge() throws Exception {
        var rnd = new SplittableRandom(20261203);
        for (int round = 0; round < 12; round++) {
            List<String> lines = mutated(generated(round, 2_000 + rnd.nextInt(3_000)), rnd);
            int files = 2 + rnd.nextInt(3);
            List<List<String>> parts = new ArrayList<>();
            for (int f = 0; f < files; f++) {
                parts.add(new ArrayList<>());
            }
            int only = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(files - 1) : -1; // this file gets no line (or junk)
            for (String line : lines) {
                int f = rnd.nextInt(files);
                f = f == only ? 0 : f;
                parts.get(f).add(line);
                if (rnd.nextInt(20) == 0) { // another request at the same time in a second file: a tie
                    String twin = line.replace("\"lenderId\":\"", "\"lenderId\":\"twin-")
                            .replace("\"latencyMs\":", "\"latencyMs\":1");
                    parts.get((f + 1) % files == only ? 0 : (f + 1) % files).add(twin);
                }
            }
            if (only > 0 && rnd.nextBoolean()) {
                parts.get(only).add("not json");
            }
            List<Path> logs = new ArrayList<>();
            for (int f = 0; f < files; f++) {
                Path log = write(dir.resolve("merge-" + round + "-" + f + ".jsonl"), parts.get(f), rnd);
                if (rnd.nextInt(3) == 0) {
                    Path gzip = dir.resolve("merge-" + round + "-" + f + ".jsonl.gz");
                    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
                        Files.copy(log, out);
                    }
                    log = gzip;
                }
                logs.add(log);
            }
            String recordByRecord = json(new IncidentAnalyzer(AnalysisThresholds.DEFAULTS, 0, 1), logs);
            String batched = json(new IncidentAnalyzer(AnalysisThresholds.DEFAULTS, 1 + rnd.nextInt(3), 1 << 20), logs);
            assertThat(batched).as("round %d, %d files", round, files).isEqualTo(recordByRecord);
        }
    }

    @Test
    void aLogWithNoValidLineFailsTheSameWayOnBothPaths() throws Exception {
        Path log = Files.write(dir.resolve("bad.jsonl"), List.of("not json", "", "{}", "[1]", "{\"a\":1}"));
        String sequential = failure(new IncidentAnalyzer(AnalysisThresholds.DEFAULTS, 0, 1), log);
        String chunked = failure(new IncidentAnalyzer(AnalysisThresholds.DEFAULTS, 3, 7), log);
        assertThat(chunked).isEqualTo(sequential).contains("bad.jsonl line 1: not valid JSON");
    }

    @Test
    void aFailureInAReaderThreadReachesTheCallerAsOnTheSequentialPath() throws Exception {
        // a year that Instant accepts but milliseconds cannot hold: the fold fails, it must not be lost in a worker
        List<String> lines = new ArrayList<>(generated(3, 3_000));
        lines.add(2_000, "{\"timestamp\":\"+300000000-01-01T00:00:00Z\",\"modelVersion\":\"v1.2\",\"latencyMs\":5,"
                + "\"status\":\"OK\"}");
        Path log = Files.write(dir.resolve("overflow.jsonl"), lines);
        assertThatThrownBy(() -> new IncidentAnalyzer(AnalysisThresholds.DEFAULTS, 0, 1).analyze(List.of(log)))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> new IncidentAnalyzer(AnalysisThresholds.DEFAULTS, 2, 500).analyze(List.of(log)))
                .isInstanceOf(ArithmeticException.class);
        Path gzip = dir.resolve("overflow.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
            Files.copy(log, out);
        }
        assertThatThrownBy(() -> new IncidentAnalyzer(AnalysisThresholds.DEFAULTS).analyze(List.of(gzip)))
                .isInstanceOf(ArithmeticException.class);
    }

    private List<String> generated(int seed, int requests) throws IOException {
        Path f = IncidentLogGenerator.write(dir.resolve("gen-" + seed + ".jsonl"), SCENARIOS.get(seed % SCENARIOS.size()),
                requests, seed);
        return Files.readAllLines(f);
    }

    /** Each line kept, changed or joined by another, at random; the mix differs from round to round. */
    private static List<String> mutated(List<String> lines, SplittableRandom rnd) {
        double rate = rnd.nextDouble() * 0.2;
        boolean manyFields = rnd.nextBoolean();
        boolean highCardinality = rnd.nextBoolean();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (highCardinality) {
                line = withField(line, "callId", "\"c" + i + "\"");
            }
            if (manyFields && rnd.nextInt(50) == 0) {
                for (int f = 0; f < 3; f++) {
                    line = withField(line, "f" + rnd.nextInt(15), "\"x" + rnd.nextInt(4) + "\"");
                }
            }
            if (rnd.nextDouble() < rate) {
                line = switch (rnd.nextInt(14)) {
                    case 0 -> line.substring(0, rnd.nextInt(line.length())); // truncated: malformed
                    case 1 -> "garbage " + i;
                    case 2 -> "   ";
                    case 3 -> line.replace("\"OK\"", "\"REJECTED\"");
                    case 4 -> line.replace("\"lenderId\":\"", "\"lenderId\":\"\\u00c5"); // escape: full parser
                    case 5 -> withField(line, "retries", String.valueOf(rnd.nextInt(3)));
                    case 6 -> withField(line, "cached", rnd.nextBoolean() ? "true" : "null");
                    case 7 -> withField(line, "region", "\"dup-" + rnd.nextInt(2) + "\""); // repeated key
                    case 8 -> withField(line, "meta", "{\"a\":[1,2]}");
                    case 9 -> line.replace(",\"endpoint\":\"/risk-score\"", ""); // field missing: ""
                    case 10 -> line.replace("\"latencyMs\":", "\"latencyMs\":-"); // negative: malformed
                    case 11 -> line + "\r"; // with the "\n" after it: a CRLF end
                    case 12 -> line.replace("\"status\":\"OK\"", "\"status\":\"ERROR\"");
                    default -> line.replace("Z\"", "+00:00\""); // an offset: not the fast path's shape
                };
            }
            out.add(line);
        }
        // lines out of time order: a few neighbours swapped, and once a whole stretch shuffled
        for (int k = 0; k < out.size() / 50; k++) {
            int at = rnd.nextInt(out.size() - 1);
            Collections.swap(out, at, at + 1);
        }
        if (rnd.nextInt(4) == 0) {
            int from = rnd.nextInt(out.size() / 2);
            Collections.shuffle(out.subList(from, from + out.size() / 10), new java.util.Random(rnd.nextLong()));
        }
        return out;
    }

    private static String withField(String line, String key, String jsonValue) {
        int end = line.lastIndexOf('}');
        return end < 0 ? line : line.substring(0, end) + ",\"" + key + "\":" + jsonValue + line.substring(end);
    }

    /** Joins the lines with "\n", now and then a lone "\r", and sometimes without a final line end. */
    private static Path write(Path file, List<String> lines, SplittableRandom rnd) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String line : lines) {
            b.append(line).append(rnd.nextInt(200) == 0 ? "\r" : "\n");
        }
        if (rnd.nextBoolean() && b.length() > 0) {
            b.setLength(b.length() - 1);
        }
        return Files.writeString(file, b, StandardCharsets.UTF_8);
    }

    private static String json(IncidentAnalyzer analyzer, List<Path> logs) throws IOException {
        StringWriter w = new StringWriter();
        new JsonAnalysisWriter().write(analyzer.analyze(logs), w);
        return w.toString();
    }

    private static String failure(IncidentAnalyzer analyzer, Path log) {
        try {
            analyzer.analyze(List.of(log));
            throw new AssertionError("expected no valid records in " + log);
        } catch (IncidentAnalyzer.NoValidRecordsException e) {
            return e.getMessage() + " / " + e.read();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
