package io.scoregate.gate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scoregate.contract.AccessLogFields;
import io.scoregate.contract.Headers;
import io.scoregate.contract.MetricNames;
import io.scoregate.gate.cli.ExitCode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service-gate contract end to end: the real packaged service writes its access log, and {@code judge --log} and
 * {@code analyze --log} read every line of it. Every kind of line the service writes is in the log: scored by a
 * pinned version, scored by a routed one, and refused before a version was chosen (malformed body, unknown
 * version: {@code modelVersion} "none"). A field renamed on one side only fails here.
 */
class AccessLogContractEndToEndTest {

    /** A Wednesday morning in Nairobi: outside the default freeze, whenever the suite runs. */
    private static final String OPEN_WINDOW = "2026-11-25T10:00:00+03:00";
    private static final String BODY = """
            {"applicationId":"app-%d","lenderId":"acme","sector":"RETAIL","businessAgeMonths":36,
             "monthlyRevenueKes":250000,"revenueVolatility":0.2,"mobileMoneyTxnsPerMonth":120,"existingDebtKes":100000,
             "priorLoansRepaid":2,"priorDefaults":0,"crbScore":640,"requestedAmountKes":300000,"tenorMonths":12}""";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void shouldHaveJudgeAndAnalyzeReadEveryLineOfTheRealServicesAccessLog() throws Exception {
        int sent;
        Path log = tmp.resolve("access.jsonl");
        try (PackagedService service = PackagedService.start(tmp.resolve("service"),
                // a first, cold v1.3 call on a loaded machine can pass the 500 ms production deadline; this test is
                // about the log's shape, not latency, so no request may time out
                Map.of("scoregate.scoring.deadline", "30s"))) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            List<Integer> statuses = new ArrayList<>();
            int i = 0;
            for (int n = 0; n < 20; n++) {
                statuses.add(post(client, service, "/risk-score", BODY.formatted(i), i++, "v1.2"));
                statuses.add(post(client, service, "/funding-approve", BODY.formatted(i), i++, "v1.3"));
            }
            for (int n = 0; n < 10; n++) {
                statuses.add(post(client, service, "/risk-score", BODY.formatted(i), i++, null)); // routed
            }
            for (int n = 0; n < 5; n++) {
                statuses.add(post(client, service, "/risk-score", "{\"applicationId\":", i++, null)); // malformed
                statuses.add(post(client, service, "/funding-approve", BODY.formatted(i), i++, "v9.9")); // unknown
            }
            sent = i;
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(50);
            assertThat(statuses).filteredOn(s -> s == 400).hasSize(10);
            awaitLines(service.accessLog(), sent);
            Files.copy(service.accessLog(), log); // the log as the service left it, whatever it writes later
        }

        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(sent);
        long refused = 0;
        for (String line : lines) {
            JsonNode node = JSON.readTree(line);
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            assertThat(names).as(line).isEqualTo(AccessLogFields.ALL);
            refused += MetricNames.NO_VERSION.equals(node.get(AccessLogFields.MODEL_VERSION).asText()) ? 1 : 0;
        }
        assertThat(refused).isEqualTo(10);

        Path judgeDir = tmp.resolve("judge");
        GateRun judge = GateRun.of("judge", "--log", log.toString(), "--baseline", "v1.2", "--candidate", "v1.3",
                "--report-dir", judgeDir.toString(), "--now", OPEN_WINDOW);
        assertThat(judge.code()).as(judge.err()).isNotIn(ExitCode.INVALID_INPUT.code(), ExitCode.INTERNAL_ERROR.code());
        JsonNode report = JSON.readTree(judgeDir.resolve("gate-report.json").toFile());
        assertThat(report.at("/input/malformedLines").asLong()).isZero();
        long judged = report.at("/arms/baseline/requests").asLong() + report.at("/arms/candidate/requests").asLong()
                + report.at("/input/otherVersionLines").asLong();
        assertThat(judged).as("every line judged or counted as another version").isEqualTo(sent);
        assertThat(report.at("/arms/baseline/requests").asLong()).isGreaterThanOrEqualTo(20);
        assertThat(report.at("/arms/candidate/requests").asLong()).isGreaterThanOrEqualTo(20);

        GateRun analyze = GateRun.of("analyze", "--log", log.toString(), "--format", "json");
        assertThat(analyze.code()).as(analyze.err()).isEqualTo(ExitCode.PASS.code());
        JsonNode analysis = JSON.readTree(analyze.out());
        assertThat(analysis.at("/input/lines").asLong()).isEqualTo(sent);
        assertThat(analysis.at("/input/validRecords").asLong()).isEqualTo(sent);
        assertThat(analysis.at("/input/malformedLines").asLong()).isZero();
        assertThat(analysis.at("/input/rejectedIgnored").asLong()).isEqualTo(refused);
    }

    private static int post(HttpClient client, PackagedService service, String path, String body, int id,
                            String pinned) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.uri().resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header(Headers.REQUEST_ID, "contract-" + id)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (pinned != null) {
            request.header(Headers.MODEL_VERSION, pinned);
        }
        HttpResponse<Void> answer = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        assertThat(answer.headers().firstValue(Headers.REQUEST_ID)).contains("contract-" + id);
        return answer.statusCode();
    }

    /** The writer is asynchronous: waits (generously, a loaded machine) until every answered request has its line. */
    private static void awaitLines(Path file, int expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(file) || lineCount(file) < expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the access log " + file + " holds " + (Files.exists(file) ? lineCount(file) : 0)
                        + " lines, not " + expected);
            }
            Thread.sleep(20); // polling a file another process writes; there is nothing to wait on
        }
    }

    /** Complete lines only: a line still being written has no newline yet. */
    private static long lineCount(Path file) throws Exception {
        long newlines = 0;
        for (byte b : Files.readAllBytes(file)) {
            newlines += b == '\n' ? 1 : 0;
        }
        return newlines;
    }
}
