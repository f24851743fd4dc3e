package io.scoregate.gate.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How the rollout commands find the admin token and the webhook. The token comes from the environment or a
 * file, never from a command-line argument, which would leak into CI logs and process listings.
 */
public final class AdminAccess {

    static final String TOKEN_ENV = "SCOREGATE_ADMIN_TOKEN";
    static final String WEBHOOK_ENV = "SCOREGATE_WEBHOOK_URL";

    @Option(names = "--admin-token-file", paramLabel = "FILE",
            description = "File holding the admin bearer token (default: the environment variable "
                    + TOKEN_ENV + ").")
    Optional<Path> tokenFile = Optional.empty();

    @Option(names = "--webhook", paramLabel = "URL",
            description = "Slack-compatible webhook told about rollbacks (default: the environment variable "
                    + WEBHOOK_ENV + "; none: nobody is notified).")
    Optional<String> webhook = Optional.empty();

    Optional<String> token(Map<String, String> env) throws InvalidInputException {
        if (tokenFile.isPresent()) {
            try {
                String t = Files.readString(tokenFile.get(), StandardCharsets.UTF_8).trim();
                if (t.isEmpty()) {
                    throw new InvalidInputException("`--admin-token-file` " + tokenFile.get() + " is empty");
                }
                return Optional.of(t);
            } catch (IOException e) {
                throw new InvalidInputException("`--admin-token-file` " + tokenFile.get() + " cannot be read");
            }
        }
        return Optional.ofNullable(env.get(TOKEN_ENV)).map(String::trim).filter(t -> !t.isEmpty());
    }

    Optional<String> webhook(Map<String, String> env) {
        return webhook.or(() -> Optional.ofNullable(env.get(WEBHOOK_ENV))).map(String::trim).filter(w -> !w.isEmpty());
    }
}
