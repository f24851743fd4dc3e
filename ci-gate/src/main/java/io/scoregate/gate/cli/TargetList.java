package io.scoregate.gate.cli;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Parses {@code --targets URL[,URL...]}: absolute http(s) URLs of service instances. */
final class TargetList {

    private TargetList() {
    }

    static List<URI> parse(String text) throws ExitException {
        List<URI> targets = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            targets.add(HttpUrl.parse(p).orElseThrow(() -> ExitException.invalidInput(
                    "`--targets` must be http(s) URLs separated by commas, but had '" + p + "'")));
        }
        if (targets.isEmpty()) {
            throw ExitException.invalidInput("`--targets` must name at least one instance");
        }
        return targets;
    }
}
