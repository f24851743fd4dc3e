package io.scoregate.service.scoring;

import java.time.Duration;

/** The scoring call ran past scoregate.scoring.deadline. */
public class DeadlineExceededException extends RuntimeException {

    public DeadlineExceededException(String version, Duration deadline) {
        super("model version " + version + " did not answer within the " + deadline.toMillis() + " ms deadline",
                null, false, false);
    }
}
