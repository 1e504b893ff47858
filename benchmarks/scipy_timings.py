#!/usr/bin/python3
"""Time SciPy 1.10 on the same workloads as StatisticsBenchmarks.cs and MultivariateDriftBenchmarks.cs.

    /usr/bin/python3 benchmarks/scipy_timings.py

Samples are standard normal, the current one shifted by 0.01, as in the C# benchmarks. Each
timing is the median of several runs, in milliseconds. The binned measures use the same rule as
ModelMonitoring.Statistics.Histogram: Sturges edges from the reference plus outer bins, with
the reference histogram computed once outside the timed region.

The multivariate rows do in NumPy what MultivariateDriftDetector does (the method of
tests/fixtures/generate_multivariate_fixtures.py): fit = standardise 100,000 x 10 rows, SVD, keep
0.65 of the variance, project, sort each component's projections, chunk errors and bounds;
detect = standardise and project 10,000 x 10 rows, reconstruction error, ks_2samp per component
(SciPy sorts the reference again on every call; it has no prepared form).
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


def multivariate_table(rng, rows, shift):
    # Ten features from four latent normals plus noise, as MultivariateDriftBenchmarks.Table.
    latent = rng.standard_normal((rows, 4))
    j = np.arange(10)
    return shift + latent[:, j % 4] + 0.5 * latent[:, (j + 1) % 4] + 0.6 * rng.standard_normal((rows, 10))


def multivariate_fit(x):
    mean, std = x.mean(axis=0), x.std(axis=0, ddof=1)
    z = (x - mean) / std
    _, s, vt = np.linalg.svd(z, full_matrices=False)
    ratios = s**2 / np.sum(s**2)
    k = int(np.argmax(np.cumsum(ratios) >= 0.65)) + 1
    v = vt[:k].T
    t = z @ v
    errors = np.linalg.norm(z - t @ v.T, axis=1)
    chunks = errors[: len(errors) // 10 * 10].reshape(10, -1).mean(axis=1)
    bounds = chunks.mean() - 3 * chunks.std(ddof=1), chunks.mean() + 3 * chunks.std(ddof=1)
    return mean, std, v, np.sort(t, axis=0), bounds


def multivariate_detect(model, x):
    mean, std, v, reference, _ = model
    z = (x - mean) / std
    t = z @ v
    error = np.linalg.norm(z - t @ v.T, axis=1).mean()
    return error, [stats.ks_2samp(reference[:, c], t[:, c]).pvalue for c in range(v.shape[1])]


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

    reference_table = multivariate_table(rng, 100_000, 0.0)
    current_table = multivariate_table(rng, 10_000, 0.05)
    model = multivariate_fit(reference_table)

    rows = [
        ("ks_2samp exact, n = m = 10,000", lambda: stats.ks_2samp(ref10k, cur10k), 20),
        ("ks_2samp asymptotic, n = m = 1,000,000", lambda: stats.ks_2samp(ref1m, cur1m), 5),
        ("mannwhitneyu, n = m = 1,000,000", lambda: stats.mannwhitneyu(ref1m, cur1m), 5),
        ("PSI (NumPy), 1,000,000 current values", psi, 10),
        ("jensenshannon, 1,000,000 current values", js, 10),
        ("multivariate fit, 100,000 x 10 (NumPy)", lambda: multivariate_fit(reference_table), 10),
        ("multivariate detect, 10,000 x 10", lambda: multivariate_detect(model, current_table), 10),
    ]
    print(f"SciPy {__import__('scipy').__version__}, NumPy {np.__version__}")
    for name, fn, repeat in rows:
        print(f"{name:45s} {median_ms(fn, repeat):10.2f} ms")


if __name__ == "__main__":
    main()
