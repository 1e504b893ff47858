using ModelMonitoring.Storage;

namespace ModelMonitoring.DriftMonitoring;

/// <summary>
/// The last <c>size</c> rows of one model's feature values, column by column in preallocated circular
/// arrays (numeric as <see cref="double"/>, categorical as <see cref="string"/> references), with each
/// row's timestamp. Adding a row copies its values and allocates nothing; memory is fixed at creation.
/// </summary>
/// <remarks>Used on the worker thread only; <see cref="Count"/> may be read from any thread.</remarks>
internal sealed class DriftWindow
{
    private readonly double[][] _numeric;
    private readonly string?[][] _categorical;
    private readonly long[] _ticks;
    private int _next;
    private int _count;

    public DriftWindow(int size, int numericWidth, int categoricalWidth)
    {
        Size = size;
        _numeric = new double[numericWidth][];
        for (var f = 0; f < numericWidth; f++)
        {
            _numeric[f] = new double[size];
        }

        _categorical = new string?[categoricalWidth][];
        for (var f = 0; f < categoricalWidth; f++)
        {
            _categorical[f] = new string?[size];
        }

        _ticks = new long[size];
    }

    public int Size { get; }

    /// <summary>Gets the number of rows held, at most <see cref="Size"/>.</summary>
    public int Count => Volatile.Read(ref _count);

    public bool IsFull => _count == Size;

    /// <summary>Gets the number of rows ever added: the window's content changed exactly when this did (worker thread).</summary>
    public long Added { get; private set; }

    /// <summary>Copies one prediction's features in, overwriting the oldest row once the window is full.</summary>
    public void Add(in PredictionRecord prediction)
    {
        var row = _next;
        var numeric = prediction.NumericFeatures.Span;
        for (var f = 0; f < _numeric.Length; f++)
        {
            _numeric[f][row] = numeric[f];
        }

        var categorical = prediction.CategoricalFeatures.Span;
        for (var f = 0; f < _categorical.Length; f++)
        {
            _categorical[f][row] = categorical[f];
        }

        _ticks[row] = prediction.Timestamp.UtcTicks;
        Added++;
        _next = row + 1 == Size ? 0 : row + 1;
        if (_count < Size)
        {
            Volatile.Write(ref _count, _count + 1);
        }
    }

    /// <summary>Returns the earliest and latest row timestamps (rows may arrive slightly out of order).</summary>
    public (DateTimeOffset Oldest, DateTimeOffset Newest) TimeRange()
    {
        var ticks = _ticks.AsSpan(0, _count);
        long oldest = long.MaxValue, newest = long.MinValue;
        foreach (var t in ticks)
        {
            oldest = Math.Min(oldest, t);
            newest = Math.Max(newest, t);
        }

        return ticks.IsEmpty ? default : (new DateTimeOffset(oldest, TimeSpan.Zero), new DateTimeOffset(newest, TimeSpan.Zero));
    }

    /// <summary>
    /// Returns the rows of a numeric column. A full window hands out its circular array itself (order
    /// does not matter to a two-sample comparison): it is only valid until the next <see cref="Add"/>.
    /// </summary>
    public double[] Numeric(int feature) => IsFull ? _numeric[feature] : _numeric[feature][.._count];

    /// <summary>Returns the non-null values of a categorical column; a full column without nulls is handed out as it is.</summary>
    public string[] Categorical(int feature)
    {
        var column = _categorical[feature].AsSpan(0, _count);
        var nulls = 0;
        foreach (var value in column)
        {
            nulls += value is null ? 1 : 0;
        }

        if (nulls == 0 && IsFull)
        {
            return _categorical[feature]!;
        }

        var values = new string[_count - nulls];
        var i = 0;
        foreach (var value in column)
        {
            if (value is not null)
            {
                values[i++] = value;
            }
        }

        return values;
    }
}
