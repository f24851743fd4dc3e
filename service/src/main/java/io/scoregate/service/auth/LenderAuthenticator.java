package io.scoregate.service.auth;

import io.quarkus.runtime.Startup;
import io.scoregate.service.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Maps an X-Api-Key to the lender it belongs to. Only SHA-256 digests are configured; a presented key is
 * hashed and looked up, so the comparison never touches a stored secret.
 */
@Startup
@ApplicationScoped
public class LenderAuthenticator {

    private static final Logger LOG = Logger.getLogger(LenderAuthenticator.class);

    private final boolean enabled;
    private final Map<String, String> lenderByHash;

    public LenderAuthenticator(AuthConfig config) {
        this.enabled = config.enabled();
        Map<String, String> map = new HashMap<>();
        config.lenders().forEach((lender, keys) -> keys.keySha256().forEach(hash -> {
            String h = hash.trim().toLowerCase(Locale.ROOT);
            if (!h.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("`scoregate.auth.lenders.\"" + lender + "\".key-sha256` must be "
                        + "64 hex characters (the SHA-256 of the key), but was " + h.length() + " characters");
            }
            String previous = map.put(h, lender);
            if (previous != null && !previous.equals(lender)) {
                throw new IllegalArgumentException("the same API key is configured for lenders " + previous
                        + " and " + lender);
            }
        }));
        this.lenderByHash = Map.copyOf(map);
        if (enabled && lenderByHash.isEmpty()) {
            LOG.warn("Lender authentication is on (scoregate.auth.enabled) but no lender keys are configured: "
                    + "every scoring request will be answered 401");
        } else if (!enabled) {
            LOG.info("Lender authentication is off (scoregate.auth.enabled=false): lenderId is taken from the body");
        }
    }

    public boolean enabled() {
        return enabled;
    }

    /** The lender owning this key; empty for a missing or unknown key. */
    public Optional<String> lenderFor(Optional<String> apiKey) {
        return apiKey.filter(k -> !k.isEmpty()).map(k -> lenderByHash.get(ApiKeyHash.sha256Hex(k)));
    }
}
