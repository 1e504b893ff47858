#!/usr/bin/python3
"""Time SciPy 1.10 on the same workloads as StatisticsBenchmarks.cs.

    /usr/bin/python3 benchmarks/scipy_timings.py

Samples are standard normal, the current one shifted by 0.01, as in the C# benchmarks. Each
timing is the median of several runs, in milliseconds. The binned measures use the same rule as
ModelMonitoring.Statistics.Histogram: Sturges edges from the reference plus outer bins, with
the reference histogram computed once outside the timed region.
"""

import statistics
import time

import numpy as np
from scipy import stats
from scipy.spatial.distance import jensenshannon

EMPTY_BIN = 1e-4


def median_ms(fn, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def counts(edges, x):
    inner = np.histogram(x, edges)[0]
    return np.concatenate([[np.sum(x < edges[0])], inner, [np.sum(x > edges[-1])]])


def proportions(c):
    p = (c / c.sum()).astype(float)
    np.place(p, c == 0, EMPTY_BIN)
    return p


def main():
    rng = np.random.default_rng(20240611)
    ref10k, cur10k = rng.standard_normal(10_000), rng.standard_normal(10_000) + 0.01
    ref1m, cur1m = rng.standard_normal(1_000_000), rng.standard_normal(1_000_000) + 0.01
    edges = np.histogram_bin_edges(ref1m, bins="sturges")
    p = proportions(counts(edges, ref1m))

    def psi():
        q = proportions(counts(edges, cur1m))
        return np.sum((p - q) * np.log(p / q))

    def js():
        return jensenshannon(p, proportions(counts(edges, cur1m)), base=2)

    rows = [
        ("ks_2samp exact, n = m = 10,000", lambda: stats.ks_2samp(ref10k, cur10k), 20),
        ("ks_2samp asymptotic, n = m = 1,000,000", lambda: stats.ks_2samp(ref1m, cur1m), 5),
        ("mannwhitneyu, n = m = 1,000,000", lambda: stats.mannwhitneyu(ref1m, cur1m), 5),
        ("PSI (NumPy), 1,000,000 current values", psi, 10),
        ("jensenshannon, 1,000,000 current values", js, 10),
    ]
    print(f"SciPy {__import__('scipy').__version__}, NumPy {np.__version__}")
    for name, fn, repeat in rows:
        print(f"{name:45s} {median_ms(fn, repeat):10.2f} ms")


if __name__ == "__main__":
    main()
