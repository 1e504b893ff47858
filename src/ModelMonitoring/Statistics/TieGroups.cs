namespace ModelMonitoring.Statistics;

/// <summary>
/// Walks two ascending samples together, one distinct value at a time: how often the value occurs
/// in each sample and how many values of each lie at or below it. The shared loop of the rank and
/// empirical-distribution statistics (Kolmogorov-Smirnov, Mann-Whitney, Anderson-Darling,
/// Cramér-von Mises), so ties are grouped the same way everywhere.
/// </summary>
internal ref struct TieGroups
{
    private readonly ReadOnlySpan<double> _x;
    private readonly ReadOnlySpan<double> _y;

    public TieGroups(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        _x = x;
        _y = y;
    }

    /// <summary>Gets how many values of the first sample equal the current value.</summary>
    public int CountX { get; private set; }

    /// <summary>Gets how many values of the second sample equal the current value.</summary>
    public int CountY { get; private set; }

    /// <summary>Gets how many values of the first sample are at or below the current value.</summary>
    public int ThroughX { get; private set; }

    /// <summary>Gets how many values of the second sample are at or below the current value.</summary>
    public int ThroughY { get; private set; }

    /// <summary>Moves to the next distinct value of the pooled samples.</summary>
    public bool MoveNext()
    {
        int i = ThroughX, j = ThroughY;
        if (i >= _x.Length && j >= _y.Length)
        {
            return false;
        }

        var value = j >= _y.Length || (i < _x.Length && _x[i] <= _y[j]) ? _x[i] : _y[j];
        while (i < _x.Length && _x[i] == value)
        {
            i++;
        }

        while (j < _y.Length && _y[j] == value)
        {
            j++;
        }

        CountX = i - ThroughX;
        CountY = j - ThroughY;
        ThroughX = i;
        ThroughY = j;
        return true;
    }
}
