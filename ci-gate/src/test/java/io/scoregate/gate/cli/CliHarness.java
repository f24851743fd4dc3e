package io.scoregate.gate.cli;

import io.scoregate.gate.accesslog.AccessLogRecord;
import io.scoregate.gate.accesslog.AccessLogWriter;
import io.scoregate.contract.Outcome;
import io.scoregate.gate.load.LoadRunner;
import io.scoregate.gate.report.ReportWriters;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import picocli.CommandLine;

/** Runs the real command line with captured output, and writes realistic access logs. */
final class CliHarness {

    /** A real clock fixed on a Wednesday noon in Nairobi, for runs that do not pass --now. */
    static final Clock WEDNESDAY = Clock.fixed(Instant.parse("2026-11-25T09:00:00Z"), ZoneOffset.UTC);

    record Result(int code, String out, String err) {
    }

    final Map<String, String> env = new java.util.HashMap<>();
    LoadRunner runner = (plan, progress) -> {
        throw new AssertionError("no load expected");
    };

    Result run(String... args) {
        var writers = new ReportWriters(name -> Optional.ofNullable(env.get(name)));
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == JudgeCommand.class) {
                    return cls.cast(new JudgeCommand(WEDNESDAY, writers));
                }
                if (cls == CompareCommand.class) {
                    return cls.cast(new CompareCommand(runner, WEDNESDAY, writers));
                }
                if (cls == WindowCommand.class) {
                    return cls.cast(new WindowCommand(WEDNESDAY));
                }
                return CommandLine.defaultFactory().create(cls);
            }
        };
        var cl = GateCommand.commandLine(factory);
        var out = new StringWriter();
        var err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Records of one version: lognormal latencies (ms-rounded), timeouts at a 500 ms deadline and errors. */
    static List<AccessLogRecord> records(String version, int n, double medianMs, double timeoutRate, double errorRate, long seed) {
        Random r = new Random(seed);
        List<AccessLogRecord> out = new ArrayList<>(n);
        Instant t = Instant.parse("2026-11-25T08:00:00Z");
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble();
            double latency = Math.rint(medianMs * Math.exp(0.3 * r.nextGaussian()));
            Outcome status = Outcome.OK;
            int http = 200;
            if (u < errorRate) {
                status = Outcome.ERROR;
                http = 500;
            } else if (u < errorRate + timeoutRate || latency >= 500) {
                status = Outcome.TIMEOUT;
                http = 504;
                latency = 500;
            }
            out.add(new AccessLogRecord(t.plusMillis(i * 5L), "req-" + version + "-" + i, "lender-" + (i % 3),
                    i % 2 == 0 ? "/risk-score" : "/funding-approve", version, latency, status, http));
        }
        return out;
    }

    static void write(Path file, List<AccessLogRecord> records, String... extraLines) throws IOException {
        try (var w = AccessLogWriter.create(file)) {
            for (var rec : records) {
                w.write(rec);
            }
        }
        if (extraLines.length > 0) {
            java.nio.file.Files.writeString(file, String.join("\n", extraLines) + "\n", java.nio.file.StandardOpenOption.APPEND);
        }
    }

    static List<AccessLogRecord> both(List<AccessLogRecord> a, List<AccessLogRecord> b) {
        List<AccessLogRecord> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
