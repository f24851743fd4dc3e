package io.scoregate.gate.corpus;

/** An endless source of request bodies; not thread-safe (the load scheduler draws from one thread). */
@FunctionalInterface
public interface RequestCorpus {

    RequestBody next();
}
