namespace ModelMonitoring.Explainability;

/// <summary>
/// The attributions of one window, column by feature, up to a fixed count (the first ones), with each prediction's
/// explanation complexity: how many features, largest |attribution| first, carry the configured share of its attribution mass.
/// </summary>
internal sealed class AttributionWindow(int features, int capacity, double mass)
{
    private readonly double[][] _columns = [.. Enumerable.Range(0, features).Select(_ => new double[capacity])];
    private readonly double[] _scratch = new double[features];
    private double _complexitySum;

    public int Count { get; private set; }

    public int Features => features;

    public ReadOnlySpan<double> Column(int feature) => _columns[feature].AsSpan(0, Count);

    /// <summary>Gets the mean complexity over the window's predictions.</summary>
    public double MeanComplexity => Count == 0 ? double.NaN : _complexitySum / Count;

    public void Add(ReadOnlySpan<double> attributions)
    {
        if (Count == capacity || attributions.Length != features)
        {
            return;
        }

        for (var i = 0; i < features; i++)
        {
            _columns[i][Count] = attributions[i];
        }

        _complexitySum += Complexity(attributions, mass, _scratch);
        Count++;
    }

    /// <summary>Gets the mean |attribution| per feature: the window's feature importance.</summary>
    public double[] MeanAbsolute()
    {
        var means = new double[features];
        for (var i = 0; i < features; i++)
        {
            double sum = 0;
            foreach (var value in Column(i))
            {
                sum += Math.Abs(value);
            }

            means[i] = Count == 0 ? 0 : sum / Count;
        }

        return means;
    }

    public void Clear()
    {
        Count = 0;
        _complexitySum = 0;
    }

    /// <summary>Copies the window, for keeping it as the reference.</summary>
    public AttributionWindow Snapshot()
    {
        var copy = new AttributionWindow(features, Math.Max(1, Count), mass);
        for (var i = 0; i < features; i++)
        {
            Column(i).CopyTo(copy._columns[i]);
        }

        copy.Count = Count;
        copy._complexitySum = _complexitySum;
        return copy;
    }

    /// <summary>The fewest features, largest |attribution| first, whose |attributions| sum to at least <paramref name="mass"/> of the total; 0 when all are zero.</summary>
    internal static int Complexity(ReadOnlySpan<double> attributions, double mass, Span<double> scratch)
    {
        double total = 0;
        for (var i = 0; i < attributions.Length; i++)
        {
            scratch[i] = Math.Abs(attributions[i]);
            total += scratch[i];
        }

        if (total == 0)
        {
            return 0;
        }

        var sorted = scratch[..attributions.Length];
        sorted.Sort();
        double cumulative = 0;
        var target = mass * total;
        for (var k = sorted.Length - 1; k >= 0; k--)
        {
            cumulative += sorted[k];
            if (cumulative >= target * (1 - 1e-12))
            {
                return sorted.Length - k;
            }
        }

        return sorted.Length;
    }
}
