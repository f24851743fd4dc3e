package io.scoregate.service.rest;

import io.scoregate.service.config.RoutingAdminConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Checks the admin bearer token. The expected token comes from {@code SCOREGATE_ADMIN_TOKEN}
 * ({@code scoregate.admin.token}) or else the first line of {@code scoregate.admin.token-file}, re-read on
 * every check so a rotated secret takes effect without a restart. Tokens are compared as SHA-256 digests
 * with {@link MessageDigest#isEqual}, which takes the same time wherever they differ and hides the length.
 */
@ApplicationScoped
public class AdminTokenCheck {

    /** How a request's credentials fared. */
    public enum Verdict {
        ACCEPTED,
        /** No bearer token in the request: 401. */
        MISSING,
        /** A token that is not the admin token: 403. */
        WRONG,
        /** The service has no admin token configured (or cannot read its file): writes are refused, 503. */
        NOT_CONFIGURED
    }

    private final RoutingAdminConfig config;

    public AdminTokenCheck(RoutingAdminConfig config) {
        this.config = config;
    }

    public Verdict check(Optional<String> authorizationHeader) {
        Optional<String> expected = expectedToken();
        if (expected.isEmpty()) {
            return Verdict.NOT_CONFIGURED;
        }
        Optional<String> presented = bearer(authorizationHeader);
        if (presented.isEmpty()) {
            return Verdict.MISSING;
        }
        return MessageDigest.isEqual(sha256(presented.get()), sha256(expected.get())) ? Verdict.ACCEPTED
                : Verdict.WRONG;
    }

    /** Whether the header carries exactly this bearer token (compared as digests, in constant time). */
    static boolean matches(Optional<String> authorizationHeader, String token) {
        return bearer(authorizationHeader).map(p -> MessageDigest.isEqual(sha256(p), sha256(token))).orElse(false);
    }

    private static Optional<String> bearer(Optional<String> authorizationHeader) {
        return authorizationHeader.filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).trim()).filter(t -> !t.isEmpty());
    }

    private Optional<String> expectedToken() {
        Optional<String> direct = config.token().map(String::trim).filter(t -> !t.isEmpty());
        if (direct.isPresent()) {
            return direct;
        }
        return config.tokenFile().flatMap(path -> {
            try {
                return Files.readAllLines(path, StandardCharsets.UTF_8).stream().findFirst().map(String::trim)
                        .filter(t -> !t.isEmpty());
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
