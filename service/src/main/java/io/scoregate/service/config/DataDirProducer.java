package io.scoregate.service.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The one place {@code scoregate.data-dir} is read, with its default. */
@ApplicationScoped
public class DataDirProducer {

    @Produces
    @Singleton
    DataDir dataDir(@ConfigProperty(name = "scoregate.data-dir", defaultValue = "./data") Path path) {
        return new DataDir(path);
    }
}
