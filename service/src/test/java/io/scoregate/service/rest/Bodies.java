package io.scoregate.service.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Request bodies for the HTTP tests. */
public final class Bodies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Bodies() {
    }

    /** A valid application from lender acme-bank; change fields with {@link #json(Map)}. */
    public static Map<String, Object> valid() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("applicationId", "app-" + UUID.randomUUID());
        m.put("lenderId", "acme-bank");
        m.put("sector", "RETAIL");
        m.put("businessAgeMonths", 36);
        m.put("monthlyRevenueKes", 250000);
        m.put("revenueVolatility", 0.2);
        m.put("mobileMoneyTxnsPerMonth", 120);
        m.put("existingDebtKes", 100000);
        m.put("priorLoansRepaid", 2);
        m.put("priorDefaults", 0);
        m.put("crbScore", 700);
        m.put("requestedAmountKes", 300000);
        m.put("tenorMonths", 12);
        return m;
    }

    /** A long-established, low-risk applicant (PD about 0.006 under v1.2). */
    public static Map<String, Object> strong(String lenderId) {
        Map<String, Object> m = valid();
        m.putAll(Map.of("lenderId", lenderId, "businessAgeMonths", 120, "monthlyRevenueKes", 1000000,
                "revenueVolatility", 0.05, "mobileMoneyTxnsPerMonth", 600, "existingDebtKes", 0,
                "priorLoansRepaid", 8, "crbScore", 850, "tenorMonths", 6));
        return m;
    }

    public static String json(Map<String, Object> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String validJson() {
        return json(valid());
    }

    public static String requestId() {
        return "t-" + UUID.randomUUID();
    }
}
