package io.scoregate.gate.cli;

import picocli.CommandLine.Option;

/** The two versions {@code judge} and {@code compare} weigh against each other: one declaration, one check. */
public final class ComparedVersions {

    @Option(names = "--baseline", required = true, paramLabel = "VERSION", description = "The current version, e.g. v1.2.")
    String baseline;

    @Option(names = "--candidate", required = true, paramLabel = "VERSION", description = "The version to promote, e.g. v1.3.")
    String candidate;

    /** Refuses a blank version before anything is read or sent. */
    ComparedVersions checked() throws ExitException {
        if (baseline.isBlank() || candidate.isBlank()) {
            throw ExitException.invalidInput("`--baseline` and `--candidate` must name versions, but one was blank.");
        }
        return this;
    }

    String baseline() {
        return baseline;
    }

    String candidate() {
        return candidate;
    }
}
