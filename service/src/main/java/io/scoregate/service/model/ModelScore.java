package io.scoregate.service.model;

import java.util.List;

/** What one model version says about one application. */
public record ModelScore(String modelVersion, double probabilityOfDefault, int score, RiskBand riskBand,
                         List<ReasonCode> reasonCodes) {
}
