namespace ModelMonitoring.Drift.Streaming;

/// <summary>
/// ADWIN's exponential histogram: row r holds up to <c>maxBuckets</c> + 1 buckets of 2^r values
/// each (a total and a variance per bucket), oldest first; row 0 holds the newest values. All rows
/// are allocated up front: 64 rows cover any window a 64-bit count can reach, so adding a value
/// never allocates.
/// </summary>
internal sealed class AdwinBuckets
{
    private const int MaxRows = 64;
    private readonly int _capacity;
    private readonly double[] _totals;
    private readonly double[] _variances;
    private readonly int[] _counts = new int[MaxRows];

    public AdwinBuckets(int maxBuckets)
    {
        _capacity = maxBuckets + 1;
        _totals = new double[MaxRows * _capacity];
        _variances = new double[MaxRows * _capacity];
    }

    /// <summary>Gets the number of rows in use; the last is the oldest.</summary>
    public int Rows { get; private set; }

    public int Count(int row) => _counts[row];

    public double Total(int row, int bucket) => _totals[(row * _capacity) + bucket];

    public double Variance(int row, int bucket) => _variances[(row * _capacity) + bucket];

    public void Clear()
    {
        Array.Clear(_counts);
        Rows = 0;
    }

    /// <summary>Appends a bucket as the newest of its row.</summary>
    public void Append(int row, double total, double variance)
    {
        if (row == Rows)
        {
            if (Rows == MaxRows)
            {
                throw new InvalidOperationException("The ADWIN window cannot grow beyond 2^64 values.");
            }

            Rows++;
        }

        var index = (row * _capacity) + _counts[row];
        _totals[index] = total;
        _variances[index] = variance;
        _counts[row]++;
    }

    /// <summary>Removes the <paramref name="n"/> oldest buckets of a row; an emptied last row is dropped.</summary>
    public void RemoveOldest(int row, int n)
    {
        var start = row * _capacity;
        var remaining = _counts[row] - n;
        Array.Copy(_totals, start + n, _totals, start, remaining);
        Array.Copy(_variances, start + n, _variances, start, remaining);
        _counts[row] = remaining;
        if (remaining == 0 && row == Rows - 1)
        {
            Rows--;
        }
    }
}
