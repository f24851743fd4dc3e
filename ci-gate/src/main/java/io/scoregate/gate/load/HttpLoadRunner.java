package io.scoregate.gate.load;

/** PLACEHOLDER owned by the load work: the open-model HTTP load generator. */
public final class HttpLoadRunner implements LoadRunner {

    @Override
    public LoadResult run(LoadPlan plan, ProgressListener progress) {
        throw new UnsupportedOperationException("load generator not written yet");
    }
}
