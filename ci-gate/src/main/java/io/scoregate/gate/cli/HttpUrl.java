package io.scoregate.gate.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** The one check every URL option shares; each option words its own error. */
final class HttpUrl {

    private HttpUrl() {
    }

    /** The URL, when {@code text} is an absolute http or https URL with a host. */
    static Optional<URI> parse(String text) {
        try {
            URI u = new URI(text.trim());
            boolean http = "http".equals(u.getScheme()) || "https".equals(u.getScheme());
            return http && u.getHost() != null ? Optional.of(u) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
