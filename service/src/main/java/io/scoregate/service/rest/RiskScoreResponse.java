package io.scoregate.service.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.scoregate.service.model.ModelScore;
import io.scoregate.service.model.ReasonCode;
import io.scoregate.service.model.RiskBand;
import java.util.List;

/** Answer of POST /risk-score. */
@RegisterForReflection // serialized by Jackson
public record RiskScoreResponse(String applicationId, String modelVersion, double probabilityOfDefault, int score,
                                RiskBand riskBand, List<ReasonCode> reasonCodes) {

    static RiskScoreResponse of(String applicationId, ModelScore s) {
        return new RiskScoreResponse(applicationId, s.modelVersion(), roundPd(s.probabilityOfDefault()), s.score(),
                s.riskBand(), s.reasonCodes());
    }

    /** Six decimals: more would suggest a precision no credit model has. */
    static double roundPd(double pd) {
        return Math.round(pd * 1e6) / 1e6;
    }
}
