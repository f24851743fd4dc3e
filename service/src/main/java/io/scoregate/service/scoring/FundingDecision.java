package io.scoregate.service.scoring;

/** A decision and the amount approved (0 unless APPROVED). */
public record FundingDecision(Decision decision, double approvedAmountKes) {
}
