package io.scoregate.service.scoring;

/** X-Model-Version was sent where scoregate.scoring.allow-pinning is false. */
public class PinningNotAllowedException extends RuntimeException {

    public PinningNotAllowedException() {
        super("pinning a model version with X-Model-Version is switched off here (scoregate.scoring.allow-pinning)",
                null, false, false);
    }
}
