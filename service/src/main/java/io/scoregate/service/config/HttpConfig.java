package io.scoregate.service.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits on what lenders may send. */
@ConfigMapping(prefix = "scoregate.http")
public interface HttpConfig {

    /** {@code scoregate.http.max-body}: larger request bodies are answered 413 with a problem document. */
    @WithDefault("64K")
    MemorySize maxBody();
}
