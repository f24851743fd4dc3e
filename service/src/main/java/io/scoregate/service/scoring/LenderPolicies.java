package io.scoregate.service.scoring;

import io.quarkus.runtime.Startup;
import io.scoregate.service.config.DecisionConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;

/** The funding policy per lender: configured overrides on top of the default, validated at startup. */
@Startup
@ApplicationScoped
public class LenderPolicies {

    private final FundingPolicy defaultPolicy;
    private final Map<String, FundingPolicy> byLender;

    public LenderPolicies(DecisionConfig config) {
        DecisionConfig.Policy d = config.defaultPolicy();
        this.defaultPolicy = new FundingPolicy(d.approveBelowPd(), d.declineFromPd(), d.maxAmountKes(),
                d.maxRevenueMultiple());
        Map<String, FundingPolicy> map = new HashMap<>();
        config.lenders().forEach((lender, o) -> map.put(lender, new FundingPolicy(
                o.approveBelowPd().orElse(defaultPolicy.approveBelowPd()),
                o.declineFromPd().orElse(defaultPolicy.declineFromPd()),
                o.maxAmountKes().orElse(defaultPolicy.maxAmountKes()),
                o.maxRevenueMultiple().orElse(defaultPolicy.maxRevenueMultiple()))));
        this.byLender = Map.copyOf(map);
    }

    public FundingPolicy forLender(String lenderId) {
        return byLender.getOrDefault(lenderId, defaultPolicy);
    }
}
