package io.scoregate.gate.cli;

import static io.scoregate.gate.cli.CliHarness.both;
import static io.scoregate.gate.cli.CliHarness.records;
import static org.assertj.core.api.Assertions.assertThat;

import io.scoregate.gate.accesslog.AccessLogRecord;
import io.scoregate.contract.Outcome;
import io.scoregate.gate.load.LoadResult;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 10, item 7: an internal failure or a broken environment never wears a verdict's exit code (1, 2, 3).
 * Garbage in is exit 4, a target that fails every request is exit 5, a bug is exit 70, each with one sentence.
 */
class ExitCodeHardeningTest {

    static final String WEDNESDAY = "2026-11-25T12:00:00+03:00";

    @TempDir
    Path dir;
    final CliHarness cli = new CliHarness();

    private CliHarness.Result judge(Path log, String... extra) {
        List<String> args = new ArrayList<>(List.of("judge", "--log", log.toString(), "--baseline", "v1.2",
                "--candidate", "v1.3", "--report-dir", dir.resolve("r").toString(), "--now", WEDNESDAY));
        args.addAll(List.of(extra));
        return cli.run(args.toArray(String[]::new));
    }

    private CliHarness.Result compare(List<AccessLogRecord> answered, String... extra) {
        cli.runner = (plan, progress) -> new LoadResult(answered, 0, answered.size(), 0, Duration.ZERO, Duration.ofSeconds(1));
        List<String> args = new ArrayList<>(List.of("compare", "--target", "http://localhost:18080", "--baseline", "v1.2",
                "--candidate", "v1.3", "--report-dir", dir.resolve("r").toString(), "--now", WEDNESDAY));
        args.addAll(List.of(extra));
        return cli.run(args.toArray(String[]::new));
    }

    private static List<AccessLogRecord> as(List<AccessLogRecord> records, Outcome status, int httpStatus) {
        return records.stream().map(r -> new AccessLogRecord(r.timestamp(), r.requestId(), r.lenderId(), r.endpoint(),
                r.modelVersion(), r.latencyMs(), status, httpStatus)).toList();
    }

    @Test
    void judgeRefusesALogWithoutOneAccessLogLine() throws Exception {
        Path log = dir.resolve("garbage.jsonl");
        Files.writeString(log, "GET / HTTP/1.1 200\nnot json at all\n{\"half\": \n");
        var r = judge(log);
        assertThat(r.code()).isEqualTo(4);
        assertThat(r.err()).startsWith("ci-gate: The access log " + log + " is not an access log: 3 of its 3 lines are "
                + "malformed (first: line 1: ").hasLineCount(1);
        assertThat(dir.resolve("r/gate-report.json")).doesNotExist();
    }

    @Test
    void judgeRefusesALogThatIsMostlyGarbage() throws Exception {
        Path log = dir.resolve("mostly.jsonl");
        List<String> garbage = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            garbage.add("garbage " + i);
        }
        CliHarness.write(log, both(records("v1.2", 200, 100, 0, 0, 1), records("v1.3", 200, 100, 0, 0, 2)),
                garbage.toArray(String[]::new));
        var r = judge(log);
        assertThat(r.code()).isEqualTo(4);
        assertThat(r.err()).contains("500 of its 900 lines are malformed");
    }

    @Test
    void judgeStillJudgesALogWithAFewMalformedLines() throws Exception {
        Path log = dir.resolve("torn.jsonl");
        CliHarness.write(log, both(records("v1.2", 3000, 100, 0, 0, 1), records("v1.3", 3000, 100, 0, 0, 2)),
                "{\"timestamp\":\"2026-11-25T08:00:00Z\",\"requestId\":\"torn");
        var r = judge(log);
        assertThat(r.code()).isZero();
    }

    @Test
    void compareAgainstATargetThatFailsEveryRequestIsTargetUnavailable() {
        var all500 = as(both(records("v1.2", 300, 100, 0, 0, 1), records("v1.3", 300, 100, 0, 0, 2)),
                Outcome.ERROR, 500);
        var r = compare(all500);
        assertThat(r.code()).isEqualTo(5);
        assertThat(r.err()).isEqualTo("ci-gate: the target http://localhost:18080 is unavailable: not one of the 600 "
                + "measured requests (v1.2 and v1.3) was answered successfully: 600 answered 5xx, 0 timed out, 0 got no "
                + "HTTP answer; no verdict on a target that fails everything.\n");
    }

    @Test
    void compareWhereEveryRequestTimedOutOrGotNoAnswerIsTargetUnavailable() {
        List<AccessLogRecord> failed = new ArrayList<>(as(records("v1.2", 300, 100, 0, 0, 1), Outcome.TIMEOUT, 0));
        failed.addAll(as(records("v1.3", 300, 100, 0, 0, 2), Outcome.ERROR, 0));
        var r = compare(failed);
        assertThat(r.code()).isEqualTo(5);
        assertThat(r.err()).contains("0 answered 5xx, 300 timed out, 300 got no HTTP answer");
    }

    @Test
    void compareWhereOnlyTheCandidateFailsIsStillABlock() {
        var mixed = both(records("v1.2", 3000, 100, 0, 0, 1), as(records("v1.3", 3000, 100, 0, 0, 2), Outcome.ERROR, 500));
        var r = compare(mixed);
        assertThat(r.code()).isEqualTo(1);
    }

    @Test
    void policyFromADeviceIsRefusedBeforeReading() {
        var r = judge(dir.resolve("unused.jsonl"), "--policy", "/dev/zero");
        assertThat(r.code()).isEqualTo(4);
        assertThat(r.err()).isEqualTo("ci-gate: `--policy` /dev/zero is not a regular file (a device, pipe or socket).\n");
    }

    @Test
    void policyFromAFifoIsRefusedWithoutBlockingOnIt() throws Exception {
        Path fifo = dir.resolve("policy.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        // opening a FIFO with no writer blocks for ever: a refusal at all shows the check came before the open
        var r = judge(dir.resolve("unused.jsonl"), "--policy", fifo.toString());
        assertThat(r.code()).isEqualTo(4);
        assertThat(r.err()).contains("is not a regular file");
    }

    @Test
    void policyThatIsADirectoryIsRefused() {
        var r = judge(dir.resolve("unused.jsonl"), "--policy", dir.toString());
        assertThat(r.code()).isEqualTo(4);
        assertThat(r.err()).contains("is not a regular file (a directory)");
    }

    @Test
    void policyOf300MegabytesIsRefusedWithoutReadingIt() throws Exception {
        Path big = dir.resolve("big.yaml");
        try (var f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(300L << 20); // sparse: costs no disk
        }
        long started = System.nanoTime();
        var r = judge(dir.resolve("unused.jsonl"), "--policy", big.toString());
        assertThat(r.code()).isEqualTo(4);
        assertThat(r.err()).isEqualTo("ci-gate: `--policy` " + big + " is larger than 1 MiB; the gate reads it whole "
                + "and refuses larger ones.\n");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void policyThatIsNotUtf8IsRefused() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.write(bad, new byte[] {'a', 'l', 'p', 'h', 'a', ':', ' ', (byte) 0xC3, (byte) 0x28});
        var r = judge(dir.resolve("unused.jsonl"), "--policy", bad.toString());
        assertThat(r.code()).isEqualTo(4);
        assertThat(r.err()).isEqualTo("ci-gate: `--policy` " + bad + " is not UTF-8 text.\n");
    }

    @Test
    void requestsFileFromADeviceIsRefused() {
        var r = compare(List.of(), "--requests-file", "/dev/zero");
        assertThat(r.code()).isEqualTo(4);
        assertThat(r.err()).isEqualTo("ci-gate: `--requests-file` /dev/zero is not a regular file (a device, pipe or socket).\n");
    }

    @Test
    void adminTokenFileFromADeviceIsRefused() {
        var r = cli.run("rollback", "--targets", "http://localhost:18080", "--admin-token-file", "/dev/zero",
                "--report-dir", dir.resolve("r").toString());
        assertThat(r.code()).isEqualTo(4);
        assertThat(r.err()).isEqualTo("ci-gate: `--admin-token-file` /dev/zero is not a regular file "
                + "(a device, pipe or socket).\n");
    }

    @CommandLine.Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        final Throwable thrown;

        Boom(Throwable thrown) {
            this.thrown = thrown;
        }

        @Override
        public Integer call() throws Exception {
            if (thrown instanceof Error e) {
                throw e;
            }
            throw (Exception) thrown;
        }
    }

    private static CliHarness.Result boom(Throwable thrown) {
        var cl = GateCommand.commandLine();
        cl.addSubcommand("boom", new Boom(thrown));
        var out = new StringWriter();
        var err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new CliHarness.Result(cl.execute("boom"), out.toString(), err.toString());
    }

    @Test
    void anErrorEscapingACommandIsAnInternalErrorNeverAVerdict() {
        var r = boom(new OutOfMemoryError("Java heap space"));
        assertThat(r.code()).isEqualTo(70);
        assertThat(r.err()).isEqualTo("ci-gate: internal error (a bug in the gate, not a verdict): "
                + "java.lang.OutOfMemoryError: Java heap space\n");
    }

    @Test
    void aRuntimeExceptionEscapingACommandIsAnInternalErrorOnOneLine() {
        var r = boom(new IllegalStateException("first line\nsecond line"));
        assertThat(r.code()).isEqualTo(70);
        assertThat(r.err()).isEqualTo("ci-gate: internal error (a bug in the gate, not a verdict): "
                + "java.lang.IllegalStateException: first line second line\n");
    }

    @Test
    void aStackOverflowEscapingACommandIsAnInternalError() {
        var r = boom(new StackOverflowError());
        assertThat(r.code()).isEqualTo(70);
        assertThat(r.err()).hasLineCount(1).contains("java.lang.StackOverflowError");
    }
}
