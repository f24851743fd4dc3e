package io.scoregate.service.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;

/** Lender authentication by API key (header X-Api-Key). */
@ConfigMapping(prefix = "scoregate.auth")
public interface AuthConfig {

    /** {@code scoregate.auth.enabled}: off in the embedded default, on in the prod profile. */
    @WithDefault("false")
    boolean enabled();

    /** {@code scoregate.auth.lenders."<lenderId>".key-sha256}: the lender's keys, keyed by lender id. */
    Map<String, Lender> lenders();

    interface Lender {

        /**
         * Lowercase SHA-256 hex digests of the lender's API keys (several, so a key can be rotated); the keys
         * themselves are never configured. {@code printf %s "$KEY" | sha256sum} gives one.
         */
        List<String> keySha256();
    }
}
