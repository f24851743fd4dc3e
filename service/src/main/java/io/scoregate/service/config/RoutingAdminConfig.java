package io.scoregate.service.config;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The admin API's bearer token. The environment variable {@code SCOREGATE_ADMIN_TOKEN} maps to
 * {@code scoregate.admin.token}; a file wins nothing over it, it is only read when the variable is unset.
 * With neither, routing writes are refused rather than open.
 */
@ConfigMapping(prefix = "scoregate.admin")
public interface RoutingAdminConfig {

    /** {@code scoregate.admin.token} (normally from the environment variable SCOREGATE_ADMIN_TOKEN). */
    Optional<String> token();

    /** {@code scoregate.admin.token-file}: a file holding the token (first line, trimmed), e.g. a mounted secret. */
    Optional<Path> tokenFile();
}
