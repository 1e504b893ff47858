using ModelMonitoring.Statistics;

namespace ModelMonitoring.Drift.Streaming;

/// <summary>
/// KSWIN (Raab et al., 2020): once the sliding window is full, each value compares the window's
/// newest <c>statSize</c> values with as many drawn at random from the older part, with a
/// two-sample Kolmogorov-Smirnov test; a drift when the p-value is at most alpha and the statistic
/// above 0.1. Follows River's <c>drift.KSWIN</c>: the draws come from a Python-compatible generator
/// seeded with <c>seed</c> and reseeded at every reset, so a given seed detects at the same indices
/// as River with that seed; another seed can detect elsewhere.
/// </summary>
internal sealed class KswinDetector : IStreamingDriftDetector
{
    // River also requires D > 0.1. D is h/n here; SciPy's floating-point CDF difference can differ
    // from it in the last bit, which could matter only where h/n is exactly 0.1, far below any
    // significant D at a useful alpha.
    private const double MinStatistic = 0.1;

    /// <summary>The largest accepted window, so that the statistic window (at most half) keeps SciPy's exact p-values.</summary>
    internal const int MaxWindowSize = 20_000;

    private readonly int _windowSize;
    private readonly int _statSize;
    private readonly int _seed;
    private readonly int _criticalSteps;
    private readonly double[] _window;
    private readonly double[] _recent;
    private readonly double[] _drawn;
    private readonly int[] _below;
    private readonly int[] _equal;
    private readonly int[] _indices;
    private readonly PythonRandom _random;
    private int _start;
    private int _count;

    public KswinDetector(double alpha, int windowSize, int statSize, int seed)
    {
        StreamingArguments.Probability(alpha, nameof(alpha));
        StreamingArguments.Between(windowSize, 2, MaxWindowSize, nameof(windowSize));
        StreamingArguments.Between(statSize, 1, windowSize / 2, nameof(statSize));
        _windowSize = windowSize;
        _statSize = statSize;
        _seed = seed;
        _criticalSteps = CriticalSteps(alpha, statSize);
        _window = new double[windowSize];
        _recent = new double[statSize];
        _drawn = new double[statSize];
        _below = new int[statSize + 1];
        _equal = new int[statSize + 1];
        _indices = new int[statSize];
        _random = new PythonRandom(windowSize - statSize);
        Reset();
    }

    public bool DriftDetected { get; private set; }

    public bool WarningDetected => false;

    public void Update(double value)
    {
        if (!double.IsFinite(value))
        {
            return;
        }

        if (DriftDetected)
        {
            Reset();
        }

        var older = _windowSize - _statSize;
        if (_count < _windowSize)
        {
            _window[_count++] = value;
            if (_count < _windowSize)
            {
                return;
            }

            _window.AsSpan(older).CopyTo(_recent);
            _recent.AsSpan().Sort();
        }
        else
        {
            // The value at the start of the recent part moves into the older part; the new value
            // replaces the oldest one and joins the recent part, which is kept sorted.
            var leaving = _window[Wrap(_start + older)];
            _window[_start] = value;
            _start = Wrap(_start + 1);
            ReplaceSorted(_recent, leaving, value);
        }

        _random.Sample(older, _indices);
        for (var i = 0; i < _statSize; i++)
        {
            _drawn[i] = _window[Wrap(_start + _indices[i])];
        }

        var steps = StatisticSteps(_drawn, _recent, _below, _equal);
        DriftDetected = steps >= _criticalSteps && steps / (double)_statSize > MinStatistic;
    }

    private int Wrap(int index) => index >= _windowSize ? index - _windowSize : index;

    public void Reset()
    {
        DriftDetected = false;
        _start = 0;
        _count = 0;
        _random.Seed(_seed);
    }

    // The smallest D·n (D = h/n for two samples of n) whose exact p-value (SciPy's method for n up
    // to 10,000, as ks_2samp's "auto") is at most alpha; the p-value falls as D grows, so one
    // comparison per value replaces the p-value.
    private static int CriticalSteps(double alpha, int n)
    {
        for (var h = 1; h <= n; h++)
        {
            var d = h / (double)n;
            var (success, _, p) = KolmogorovSmirnovExact.TwoSided(n, n, d);
            if (!success)
            {
                p = KolmogorovDistribution.Survival((int)Math.Round(n / 2.0, MidpointRounding.ToEven), d);
            }

            if (p <= alpha)
            {
                return h;
            }
        }

        return n + 1;
    }

    // Removes one occurrence of a value from a sorted buffer and inserts another, keeping it sorted.
    private static void ReplaceSorted(Span<double> sorted, double remove, double insert)
    {
        var at = sorted.BinarySearch(remove);
        if (insert >= remove)
        {
            var end = at;
            while (end + 1 < sorted.Length && sorted[end + 1] < insert)
            {
                end++;
            }

            sorted.Slice(at + 1, end - at).CopyTo(sorted[at..]);
            sorted[end] = insert;
        }
        else
        {
            var begin = at;
            while (begin > 0 && sorted[begin - 1] > insert)
            {
                begin--;
            }

            sorted[begin..at].CopyTo(sorted[(begin + 1)..]);
            sorted[begin] = insert;
        }
    }

    /// <summary>
    /// n·D for a sample of n (in any order) against a sorted sample of n: the largest gap between the numbers of values
    /// at or below an observed value, as SciPy's <c>ks_2samp</c> measures it, without sorting the first sample.
    /// </summary>
    /// <remarks>
    /// Each drawn value is placed by u, the number of recent values at or below it (a binary search), and counted as
    /// equal to recent[u − 1] or strictly above it. For the observed values t with u recent values at or below them,
    /// which exist only where recent[u − 1] &lt; recent[u], the drawn count at or below t runs from the drawn values
    /// placed below u plus those equal to recent[u − 1] (at t = recent[u − 1]) up to all those placed at u or below (at
    /// the largest such t), so the gap is largest at one of those two ends.
    /// </remarks>
    internal static int StatisticSteps(ReadOnlySpan<double> drawn, ReadOnlySpan<double> sortedRecent, Span<int> below, Span<int> equal)
    {
        var n = sortedRecent.Length;
        below = below[..(n + 1)];
        equal = equal[..(n + 1)];
        below.Clear();
        equal.Clear();
        foreach (var x in drawn)
        {
            var u = UpperBound(sortedRecent, x);
            if (u > 0 && sortedRecent[u - 1] == x)
            {
                equal[u]++;
            }
            else
            {
                below[u]++;
            }
        }

        var max = below[0];
        var counted = below[0];
        for (var u = 1; u <= n; u++)
        {
            var atValue = counted + equal[u];
            counted = atValue + below[u];
            if (u == n || sortedRecent[u - 1] < sortedRecent[u])
            {
                max = Math.Max(max, Math.Max(Math.Abs(atValue - u), Math.Abs(counted - u)));
            }
        }

        return max;
    }

    // The number of values at or below x in a sorted span; without branches on the data, whose comparisons (0/1 errors
    // against 0/1 errors, say) would be mispredicted half the time.
    private static int UpperBound(ReadOnlySpan<double> sorted, double x)
    {
        var low = 0;
        var length = sorted.Length;
        while (length > 1)
        {
            var half = length >> 1;
            low += sorted[low + half - 1] <= x ? half : 0;
            length -= half;
        }

        return length == 1 && sorted[low] <= x ? low + 1 : low;
    }
}
