using SQLitePCL;

namespace ModelMonitoring.Sqlite.Internal.Writing;

/// <summary>
/// Per-minute statistics of the feature values of stored predictions, kept in <c>feature_stats</c>
/// (count, sum, sum of squares, minimum and maximum of each numeric feature) and
/// <c>category_counts</c> (how often each category of each categorical feature occurred, a null one
/// as missing), so plain
/// SQL charts a feature without decoding the predictions' feature blobs. A missing numeric value (NaN,
/// <see cref="ModelMonitoring.Recording.MissingValueHandling.CountAsMissing"/>) is not counted in <c>feature_stats</c>.
/// </summary>
/// <remarks>
/// Minutes are UTC minutes of the prediction's timestamp. Counts and sums add up, so any coarser
/// interval's mean is exact from them: <c>sum(total) / sum(count)</c>. A batch's statistics are
/// added in the batch's transaction, so a rolled-back batch adds nothing, and only for predictions
/// actually inserted (a repeated id is not counted twice).
/// </remarks>
internal sealed class FeatureStatistics : IDisposable
{
    internal const long MinuteMicroseconds = 60_000_000;

    private const string NumericSql = """
        INSERT INTO feature_stats (model_id, minute, feature, count, total, total_squares, minimum, maximum) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (model_id, minute, feature) DO UPDATE SET
            count = count + excluded.count, total = total + excluded.total, total_squares = total_squares + excluded.total_squares,
            minimum = min(minimum, excluded.minimum), maximum = max(maximum, excluded.maximum);
        """;

    private const string CategorySql = """
        INSERT INTO category_counts (model_id, minute, feature, missing, category, count) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (model_id, minute, feature, missing, category) DO UPDATE SET count = count + excluded.count;
        """;

    private readonly Dictionary<long, Accumulator[]> _numeric = [];
    private readonly Dictionary<(long Minute, int Feature, string? Category), long> _categories = [];
    private readonly RawStatement _numericUpsert;
    private readonly RawStatement _categoryUpsert;
    private long _lastMinute = long.MinValue;
    private Accumulator[]? _last;

    public FeatureStatistics(sqlite3 db)
    {
        _numericUpsert = new RawStatement(db, NumericSql);
        try
        {
            _categoryUpsert = new RawStatement(db, CategorySql);
        }
        catch
        {
            _numericUpsert.Dispose();
            throw;
        }
    }

    public static long MinuteOf(long microseconds) => microseconds - (((microseconds % MinuteMicroseconds) + MinuteMicroseconds) % MinuteMicroseconds);

    /// <summary>Adds one stored prediction's feature values.</summary>
    public void Add(long microseconds, ReadOnlySpan<double> numeric, ReadOnlySpan<string?> categorical)
    {
        var minute = MinuteOf(microseconds);
        if (!numeric.IsEmpty)
        {
            // Predictions arrive nearly in time order: the last minute's accumulators are almost always the ones needed.
            if (minute != _lastMinute || _last is null || _last.Length != numeric.Length)
            {
                if (!_numeric.TryGetValue(minute, out _last))
                {
                    _last = new Accumulator[numeric.Length];
                    _numeric[minute] = _last;
                }

                _lastMinute = minute;
            }

            for (var i = 0; i < numeric.Length; i++)
            {
                _last[i].Add(numeric[i]);
            }
        }

        for (var i = 0; i < categorical.Length; i++)
        {
            var key = (minute, i, categorical[i]);
            _categories[key] = _categories.GetValueOrDefault(key) + 1;
        }
    }

    /// <summary>Adds what <see cref="Add"/> collected to the tables, inside the caller's transaction, and starts afresh.</summary>
    public void Write(long modelId, ModelSchema model)
    {
        try
        {
            foreach (var (minute, accumulators) in _numeric)
            {
                for (var i = 0; i < accumulators.Length && i < model.NumericFeatures.Count; i++)
                {
                    ref readonly var a = ref accumulators[i];
                    if (a.Count == 0)
                    {
                        continue;
                    }

                    _numericUpsert.BindInt64(1, modelId);
                    _numericUpsert.BindInt64(2, minute);
                    _numericUpsert.BindText(3, model.NumericFeatures[i]);
                    _numericUpsert.BindInt64(4, a.Count);
                    _numericUpsert.BindDouble(5, a.Total);
                    _numericUpsert.BindDouble(6, a.TotalSquares);
                    _numericUpsert.BindDouble(7, a.Minimum);
                    _numericUpsert.BindDouble(8, a.Maximum);
                    _numericUpsert.Execute();
                }
            }

            foreach (var ((minute, feature, category), count) in _categories)
            {
                _categoryUpsert.BindInt64(1, modelId);
                _categoryUpsert.BindInt64(2, minute);
                _categoryUpsert.BindText(3, model.CategoricalFeatures[feature]);
                // The key cannot hold NULL (NULLs never conflict), so a missing value is a flag and an empty category.
                _categoryUpsert.BindInt64(4, category is null ? 1 : 0);
                _categoryUpsert.BindText(5, category ?? string.Empty);
                _categoryUpsert.BindInt64(6, count);
                _categoryUpsert.Execute();
            }
        }
        finally
        {
            Clear();
        }
    }

    public void Clear()
    {
        _numeric.Clear();
        _categories.Clear();
        _last = null;
        _lastMinute = long.MinValue;
    }

    public void Dispose()
    {
        _numericUpsert.Dispose();
        _categoryUpsert.Dispose();
    }

    private struct Accumulator
    {
        public long Count;
        public double Total;
        public double TotalSquares;
        public double Minimum;
        public double Maximum;

        public void Add(double value)
        {
            // A missing value (NaN) is no value: it would turn the sums, minimum and maximum into NaN.
            if (double.IsNaN(value))
            {
                return;
            }

            if (Count == 0)
            {
                Minimum = value;
                Maximum = value;
            }
            else
            {
                Minimum = Math.Min(Minimum, value);
                Maximum = Math.Max(Maximum, value);
            }

            Count++;
            Total += value;
            TotalSquares += value * value;
        }
    }
}
