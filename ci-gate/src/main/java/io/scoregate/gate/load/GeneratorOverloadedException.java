package io.scoregate.gate.load;

/**
 * The load generator itself could not keep to its schedule (the machine running {@code compare} is
 * overloaded): so many requests left so late that the run measured the generator, not the service. Both
 * arms would show the same inflated latencies and client timeouts, and a verdict from them could be a false
 * BLOCK; the gate gives none (exit 5, like a target that failed during the run) and says to lower the rate.
 */
public final class GeneratorOverloadedException extends TargetUnreachableException {

    public GeneratorOverloadedException(String message) {
        super(message);
    }
}
