#!/usr/bin/env python3
"""Writes the checked-in access logs of the invoker projects (deterministic: fixed seeds).

Run from ci-gate/maven-plugin:  python3 src/it/make-logs.py
judge-pass:  v1.2 and v1.3 from the same distribution (lognormal, median 100 ms, sigma 0.3), 2000 each.
judge-block: v1.3 three times slower (median 300 ms) with 15% of requests (and its slowest tail) at the 500 ms deadline (504).
Both also hold v1.1 lines, which the judge must ignore.
"""
import json, math, random
from datetime import datetime, timedelta, timezone

def write(path, candidate_median, candidate_timeouts, seed):
    rnd = random.Random(seed)
    t = datetime(2026, 11, 25, 7, 0, 0, tzinfo=timezone.utc)
    with open(path, "w") as out:
        for i in range(4200):
            t += timedelta(milliseconds=25)
            version = "v1.1" if i % 21 == 20 else ("v1.2" if rnd.random() < 0.5 else "v1.3")
            median = candidate_median if version == "v1.3" else 100.0
            latency = median * math.exp(0.3 * rnd.gauss(0, 1))
            status, http = "OK", 200
            if version == "v1.3" and rnd.random() < candidate_timeouts:
                status, http, latency = "TIMEOUT", 504, 500.0
            elif latency > 500:
                status, http, latency = "TIMEOUT", 504, 500.0
            line = {"timestamp": t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z",
                    "requestId": f"req-{seed}-{i:05d}", "lenderId": f"lender-ke-0{1 + i % 5}",
                    "endpoint": "/risk-score" if i % 2 else "/funding-approve", "modelVersion": version,
                    "latencyMs": round(latency, 3), "status": status, "httpStatus": http}
            out.write(json.dumps(line, separators=(",", ":")) + "\n")

write("src/it/judge-pass/access.jsonl", 100.0, 0.0, 1)
write("src/it/judge-block/access.jsonl", 300.0, 0.15, 2)
