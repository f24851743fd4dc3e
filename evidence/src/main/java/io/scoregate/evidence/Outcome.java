package io.scoregate.evidence;

/** What one scoring request came to, as far as evidence about a model version goes. */
public enum Outcome {
    /** Answered in time. */
    OK,
    /** Abandoned at the deadline: its true latency is at least the one recorded. */
    TIMEOUT,
    /** Failed inside the service; its latency is not the model's and stays out of the latency evidence. */
    ERROR
}
