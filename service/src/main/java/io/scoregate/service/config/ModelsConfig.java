package io.scoregate.service.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where model artifacts come from. */
@ConfigMapping(prefix = "scoregate.models")
public interface ModelsConfig {

    /**
     * {@code scoregate.models.shipped}: the versions shipped inside the application, read from the class path
     * at {@code models/<version>.json}. A listed version whose file is missing is reported as failed.
     */
    @WithDefault("v1.2,v1.3")
    List<String> shipped();

    /**
     * {@code scoregate.models.dir}: an external directory; every {@code *.json} in it is loaded, and a file
     * whose {@code id} matches a shipped version replaces the shipped one.
     */
    Optional<Path> dir();
}
