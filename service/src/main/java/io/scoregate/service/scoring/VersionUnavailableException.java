package io.scoregate.service.scoring;

/** The routing table sent a request to a version this instance has not loaded: the service's fault. */
public class VersionUnavailableException extends RuntimeException {

    private final String version;

    public VersionUnavailableException(String version) {
        super("the routing table sends this request to model version '" + version + "', which is not loaded here",
                null, false, false);
        this.version = version;
    }

    public String version() {
        return version;
    }
}
