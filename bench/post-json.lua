-- wrk script: POSTs one valid scoring application as JSON.
-- Optional first script argument: a model version to pin with X-Model-Version.
--   wrk -t2 -c32 -d10s -s bench/post-json.lua http://127.0.0.1:18080/risk-score -- v1.2
-- wrk itself prints "Non-2xx or 3xx responses: N" when any answer was not a success.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"applicationId":"bench-0001","lenderId":"bench-bank","sector":"RETAIL","businessAgeMonths":36,' ..
           '"monthlyRevenueKes":250000,"revenueVolatility":0.2,"mobileMoneyTxnsPerMonth":120,' ..
           '"existingDebtKes":100000,"priorLoansRepaid":2,"priorDefaults":0,"crbScore":700,' ..
           '"requestedAmountKes":300000,"tenorMonths":12}'

function init(args)
  if args[1] ~= nil then
    wrk.headers["X-Model-Version"] = args[1]
  end
end
