package io.scoregate.service.config;

import java.nio.file.Path;

/**
 * {@code scoregate.data-dir}: where the file routing store keeps its table and audit and the access log its file.
 * Both sides share it, so it is its own value rather than a key of either side's mapping ({@link DataDirProducer}
 * holds its one default).
 */
public record DataDir(Path path) {

    public Path resolve(String file) {
        return path.resolve(file);
    }
}
