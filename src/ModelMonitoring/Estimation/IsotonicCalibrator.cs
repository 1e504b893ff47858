using System.Diagnostics;

namespace ModelMonitoring.Estimation;

/// <summary>
/// Isotonic (monotone non-decreasing) regression of 0/1 outcomes on scores, as scikit-learn's
/// <c>IsotonicRegression(out_of_bounds="clip")</c>: equal scores are pooled first (within NumPy's float64 resolution,
/// 1e-15), the pooled means are fitted by pool-adjacent-violators, and a score is mapped by linear interpolation between
/// the fitted points, clipped to the fitted score range. Tests compare it with scikit-learn to 1e-9.
/// </summary>
internal sealed class IsotonicCalibrator
{
    private const double Resolution = 1e-15;
    private readonly double[] _x;
    private readonly double[] _y;

    private IsotonicCalibrator(double[] x, double[] y)
    {
        _x = x;
        _y = y;
    }

    /// <summary>Gets the fitted points' scores (scikit-learn's <c>X_thresholds_</c>).</summary>
    public IReadOnlyList<double> Thresholds => _x;

    /// <summary>Gets the fitted points' values (scikit-learn's <c>y_thresholds_</c>).</summary>
    public IReadOnlyList<double> Values => _y;

    /// <summary>Fits the calibrator.</summary>
    /// <param name="scores">The scores, finite.</param>
    /// <param name="outcomes">The outcomes (usually 0 or 1), one per score.</param>
    public static IsotonicCalibrator Fit(ReadOnlySpan<double> scores, ReadOnlySpan<double> outcomes)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(outcomes.Length, scores.Length, nameof(outcomes));
        ArgumentOutOfRangeException.ThrowIfZero(scores.Length, nameof(scores));

        // np.lexsort((y, X)): by score, then by outcome.
        var order = new int[scores.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var x = scores.ToArray();
        var y = outcomes.ToArray();
        Array.Sort(order, (a, b) => x[a] != x[b] ? x[a].CompareTo(x[b]) : y[a].CompareTo(y[b]));

        // _make_unique: a score within the resolution of the first of a run joins the run; its value is the run's mean.
        var ux = new List<double>();
        var uy = new List<double>();
        var uw = new List<double>();
        var currentX = x[order[0]];
        double weight = 0, sum = 0;
        foreach (var i in order)
        {
            if (x[i] - currentX >= Resolution)
            {
                ux.Add(currentX);
                uy.Add(sum / weight);
                uw.Add(weight);
                currentX = x[i];
                weight = 0;
                sum = 0;
            }

            weight += 1;
            sum += y[i];
        }

        ux.Add(currentX);
        uy.Add(sum / weight);
        uw.Add(weight);
        var fitted = uy.ToArray();
        PoolAdjacentViolators(fitted, [.. uw]);
        return Trim([.. ux], fitted);
    }

    /// <summary>Maps a score to its calibrated value (<c>np.interp</c> after clipping to the fitted range).</summary>
    public double Predict(double score)
    {
        var x = _x;
        var last = x.Length - 1;
        if (!(score > x[0]))
        {
            return _y[0];
        }

        if (score >= x[last])
        {
            return _y[last];
        }

        // The last point at or below the score; x[0] < score < x[last].
        var j = Array.BinarySearch(x, score);
        if (j >= 0)
        {
            return _y[j];
        }

        j = ~j - 1;
        var slope = (_y[j + 1] - _y[j]) / (x[j + 1] - x[j]);
        return (slope * (score - x[j])) + _y[j];
    }

    /// <summary>
    /// Maps scores in ascending order with one walk over the fitted points instead of a binary search each: the values
    /// of <see cref="Predict"/>, bit for bit (the same clipping, the same interpolation expression).
    /// </summary>
    /// <param name="ascendingScores">The scores, ascending, not NaN.</param>
    /// <param name="values">Receives the calibrated value of each score.</param>
    public void PredictAscending(ReadOnlySpan<double> ascendingScores, Span<double> values)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(values.Length, ascendingScores.Length, nameof(values));
        var x = _x;
        var y = _y;
        var last = x.Length - 1;
        var n = ascendingScores.Length;
        var i = 0;
        while (i < n && !(ascendingScores[i] > x[0]))
        {
            values[i] = y[0];
            i++;
        }

        // x[j] <= score < x[j + 1]; the slope is the segment's, computed once per segment used.
        var j = 0;
        var slopeSegment = -1;
        var slope = 0.0;
        for (; i < n; i++)
        {
            var score = ascendingScores[i];
            Debug.Assert(i == 0 || score >= ascendingScores[i - 1], "The scores are ascending.");
            if (score >= x[last])
            {
                break;
            }

            while (x[j + 1] <= score)
            {
                j++;
            }

            if (score == x[j])
            {
                values[i] = y[j];
                continue;
            }

            if (slopeSegment != j)
            {
                slope = (y[j + 1] - y[j]) / (x[j + 1] - x[j]);
                slopeSegment = j;
            }

            values[i] = (slope * (score - x[j])) + y[j];
        }

        values[i..n].Fill(y[last]);
    }

    /// <summary>scikit-learn's <c>_inplace_contiguous_isotonic_regression</c>: single pass with backtracking, O(n).</summary>
    private static void PoolAdjacentViolators(double[] y, double[] w)
    {
        var n = y.Length;
        var target = new int[n];
        for (var t = 0; t < n; t++)
        {
            target[t] = t;
        }

        var i = 0;
        while (i < n)
        {
            var k = target[i] + 1;
            if (k == n)
            {
                break;
            }

            if (y[i] < y[k])
            {
                i = k;
                continue;
            }

            var sumWy = w[i] * y[i];
            var sumW = w[i];
            while (true)
            {
                // Within a non-increasing run.
                var previous = y[k];
                sumWy += w[k] * y[k];
                sumW += w[k];
                k = target[k] + 1;
                if (k == n || previous < y[k])
                {
                    y[i] = sumWy / sumW;
                    w[i] = sumW;
                    target[i] = k - 1;
                    target[k - 1] = i;
                    if (i > 0)
                    {
                        i = target[i - 1];
                    }

                    break;
                }
            }
        }

        i = 0;
        while (i < n)
        {
            var k = target[i] + 1;
            for (var j = i + 1; j < k; j++)
            {
                y[j] = y[i];
            }

            i = k;
        }
    }

    /// <summary>Drops the inner points whose value equals both neighbours' (scikit-learn's <c>trim_duplicates</c>); the interpolation is unchanged.</summary>
    private static IsotonicCalibrator Trim(double[] x, double[] y)
    {
        var keptX = new List<double>(x.Length);
        var keptY = new List<double>(y.Length);
        for (var i = 0; i < x.Length; i++)
        {
            if (i == 0 || i == x.Length - 1 || y[i] != y[i - 1] || y[i] != y[i + 1])
            {
                keptX.Add(x[i]);
                keptY.Add(y[i]);
            }
        }

        return new IsotonicCalibrator([.. keptX], [.. keptY]);
    }
}
