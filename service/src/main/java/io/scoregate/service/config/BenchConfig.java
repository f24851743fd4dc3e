package io.scoregate.service.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Switches for benchmark-only endpoints. */
@ConfigMapping(prefix = "scoregate.bench")
public interface BenchConfig {

    /** {@code scoregate.bench.echo-enabled}: serve POST /bench/echo, the bare-Quarkus baseline of bench/. */
    @WithDefault("false")
    boolean echoEnabled();
}
