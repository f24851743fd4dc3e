package io.scoregate.gate.cli;

import io.scoregate.gate.analyze.AnalysisThresholds;
import io.scoregate.gate.analyze.IncidentAnalysis;
import io.scoregate.gate.analyze.IncidentAnalyzer;
import io.scoregate.gate.analyze.report.AnalysisFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ci-gate analyze}: find when a latency/timeout degradation started and which dimension value explains it. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Reads access logs (JSON Lines, plain or gzip, several files merged by time) and reports when "
                + "the degradation started and which dimension value (modelVersion, endpoint, lenderId or any other "
                + "string field) explains it, with the evidence and what does not correlate.",
                "Exit 0 when the analysis is done (whether or not a cause was found: the output says which), "
                        + "4 when a file is missing or unreadable, holds no valid line, or a flag is wrong."})
public final class AnalyzeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--log", required = true, paramLabel = "FILE",
            description = "An access log to read (repeat for several; they are merged by timestamp).")
    List<Path> logs;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "What to print: text (default), json, markdown or html.")
    String format;

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "Also write analysis.txt, analysis.json, analysis.md and analysis.html into this "
                    + "directory (created if missing).")
    Optional<Path> reportDir;

    @Override
    public Integer call() throws ExitException {
        AnalysisFormat chosen;
        try {
            chosen = AnalysisFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw ExitException.invalidInput(e.getMessage() + ".");
        }
        for (Path log : logs) {
            if (!Files.isRegularFile(log) || !Files.isReadable(log)) {
                throw ExitException.invalidInput("cannot read the log " + log + ": no such readable file.");
            }
        }
        IncidentAnalysis analysis;
        try {
            analysis = new IncidentAnalyzer(AnalysisThresholds.DEFAULTS).analyze(logs);
        } catch (IncidentAnalyzer.NoValidRecordsException e) {
            throw ExitException.invalidInput(e.getMessage() + ".");
        } catch (IOException e) {
            throw ExitException.invalidInput("cannot read the logs: " + e.getMessage() + ".");
        }
        try {
            PrintWriter out = spec.commandLine().getOut();
            chosen.writer().write(analysis, out);
            out.flush();
            if (reportDir.isPresent()) {
                writeReports(reportDir.get(), analysis);
            }
        } catch (IOException e) {
            throw ExitException.invalidInput("cannot write the report: " + e.getMessage() + ".");
        }
        return ExitCode.PASS.code();
    }

    private static void writeReports(Path dir, IncidentAnalysis analysis) throws IOException {
        Files.createDirectories(dir);
        for (AnalysisFormat f : AnalysisFormat.values()) {
            try (Writer w = Files.newBufferedWriter(dir.resolve(f.fileName()), StandardCharsets.UTF_8)) {
                f.writer().write(analysis, w);
            }
        }
    }
}
