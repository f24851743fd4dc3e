package io.scoregate.gate.analyze.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The output formats of {@code analyze}, each with the file name it gets under {@code --report-dir}. */
public enum AnalysisFormat {
    TEXT("analysis.txt"),
    JSON("analysis.json"),
    MARKDOWN("analysis.md"),
    HTML("analysis.html");

    private final String fileName;

    AnalysisFormat(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }

    public AnalysisWriter writer() {
        return switch (this) {
            case TEXT -> new TextAnalysisWriter();
            case JSON -> new JsonAnalysisWriter();
            case MARKDOWN -> new MarkdownAnalysisWriter();
            case HTML -> new HtmlAnalysisWriter();
        };
    }

    /** Parses "text", "json", "markdown" (or "md") and "html", in any case. */
    public static AnalysisFormat parse(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        if (v.equals("md")) {
            return MARKDOWN;
        }
        for (AnalysisFormat f : values()) {
            if (f.name().toLowerCase(Locale.ROOT).equals(v)) {
                return f;
            }
        }
        throw new IllegalArgumentException("`--format` must be one of "
                + Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                + ", but was " + s);
    }
}
