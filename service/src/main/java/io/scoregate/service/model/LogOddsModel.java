package io.scoregate.service.model;

/** The part each model family implements: log-odds of default for a feature vector, with attribution. */
public interface LogOddsModel {

    Attribution attribute(double[] features);
}
