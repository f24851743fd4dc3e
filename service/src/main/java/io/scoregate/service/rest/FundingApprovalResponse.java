package io.scoregate.service.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.scoregate.service.model.ModelScore;
import io.scoregate.service.model.ReasonCode;
import io.scoregate.service.model.RiskBand;
import io.scoregate.service.scoring.Decision;
import io.scoregate.service.scoring.FundingDecision;
import java.util.List;

/** Answer of POST /funding-approve: the risk score plus the lender's decision. */
@RegisterForReflection // serialized by Jackson
public record FundingApprovalResponse(String applicationId, String modelVersion, double probabilityOfDefault,
                                      int score, RiskBand riskBand, List<ReasonCode> reasonCodes, Decision decision,
                                      double approvedAmountKes) {

    static FundingApprovalResponse of(String applicationId, ModelScore s, FundingDecision d) {
        return new FundingApprovalResponse(applicationId, s.modelVersion(),
                RiskScoreResponse.roundPd(s.probabilityOfDefault()), s.score(), s.riskBand(), s.reasonCodes(),
                d.decision(), d.approvedAmountKes());
    }
}
