"""Reference values for MixtureRateTest.logE, computed independently with SciPy.

Usage: python3 evidence/src/test/python/mixture_log_e.py TRIALS EVENTS P0 above|below

The alternatives are rebuilt from MixtureRateTest's documented rule (not from its code):
  above: q = p0 * 1.25^k while q < 1 - (1 - p0) / 100, then that top;
  below: q = p0 / 1.25^k while q > p0 * 1e-4, then that floor.
The e-value is the equal-weight mixture of the binomial likelihood ratios binom(x; n, q) / binom(x; n, p0)
(the binomial coefficient cancels), summed in log space with scipy.special.logsumexp.
"""
import sys

import numpy as np
from scipy.special import logsumexp
from scipy.stats import binom


def alternatives(p0, side):
    q = []
    if side == "above":
        top = 1 - (1 - p0) / 100
        a = p0 * 1.25
        while a < top:
            q.append(a)
            a *= 1.25
        q.append(top)
    else:
        floor = p0 * 1e-4
        a = p0 / 1.25
        while a > floor:
            q.append(a)
            a /= 1.25
        q.append(floor)
    return np.array(q)


def log_e(n, x, p0, side):
    q = alternatives(p0, side)
    ratios = binom.logpmf(x, n, q) - binom.logpmf(x, n, p0)
    return logsumexp(ratios) - np.log(len(q))


if __name__ == "__main__":
    n, x, p0, side = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
    print(repr(float(log_e(n, x, p0, side))), len(alternatives(p0, side)))
