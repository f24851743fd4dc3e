package io.scoregate.service.drill;

/** What a drill does to one scoring call besides any added delay. */
public enum Fault {
    NONE,
    /** The call never completes on its own, so the deadline answers it. */
    TIMEOUT,
    /** The call fails as if the model had thrown. */
    ERROR
}
