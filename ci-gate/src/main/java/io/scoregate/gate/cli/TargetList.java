package io.scoregate.gate.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/** Parses {@code --targets URL[,URL...]}: absolute http(s) URLs of service instances. */
final class TargetList {

    private TargetList() {
    }

    static List<URI> parse(String text) {
        List<URI> targets = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            try {
                URI u = new URI(p);
                if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                    throw new URISyntaxException(p, "not an http(s) URL with a host");
                }
                targets.add(u);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("`--targets` must be http(s) URLs separated by commas, but had '" + p + "'");
            }
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("`--targets` must name at least one instance");
        }
        return targets;
    }
}
