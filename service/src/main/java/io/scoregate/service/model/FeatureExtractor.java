package io.scoregate.service.model;

import java.util.List;

/** Turns an application into the feature vector of one model, in the order of its feature spec. */
public final class FeatureExtractor {

    private final List<FeatureSpec> specs;

    public FeatureExtractor(List<FeatureSpec> specs) {
        this.specs = List.copyOf(specs);
    }

    public double[] extract(LoanApplication application) {
        double[] x = new double[specs.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = specs.get(i).evaluate(application);
        }
        return x;
    }

    public List<FeatureSpec> specs() {
        return specs;
    }

    public String name(int index) {
        return specs.get(index).name();
    }

    public int size() {
        return specs.size();
    }
}
