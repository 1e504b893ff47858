using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ModelMonitoring.Recording;
using ModelMonitoring.Storage;

namespace ModelMonitoring.DriftMonitoring;

/// <summary>
/// The last <c>size</c> rows of one model's feature values, column by column in preallocated circular
/// arrays (numeric as <see cref="double"/>, categorical as <see cref="string"/> references), with each
/// row's timestamp. Adding a row copies its values and allocates nothing; memory is fixed at creation.
/// </summary>
/// <remarks>
/// Used on the worker thread only; <see cref="Count"/> and <see cref="GroupedAsOther"/> may be read from
/// any thread. Each categorical column holds at most <c>maxDistinctValues</c> distinct values at a time
/// (counted per value, so a value that leaves the window frees its place); a new value past that is held
/// as <see cref="RecordingLimits.OtherValue"/>, so memory and the tests' category count stay bounded.
/// </remarks>
internal sealed class DriftWindow
{
    private readonly double[][] _numeric;
    private readonly string?[][] _categorical;
    private readonly long[] _ticks;
    private readonly Dictionary<string, int>[] _distinct;
    private readonly int _maxDistinct;
    private readonly int _numericFeatures;
    private readonly int _categoricalFeatures;
    private readonly int _classCount;
    private int _next;
    private int _count;
    private long _groupedAsOther;

    public DriftWindow(int size, int numericWidth, int categoricalWidth, int maxDistinctValues = int.MaxValue, bool outputs = false, int classCount = 0)
    {
        // The model's outputs (prediction drift) are the last columns: score, predicted value and each declared class's
        // probability, and the predicted class.
        _numericFeatures = numericWidth;
        _categoricalFeatures = categoricalWidth;
        _classCount = outputs ? classCount : 0;
        numericWidth += outputs ? 2 + _classCount : 0;
        categoricalWidth += outputs ? 1 : 0;
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
        _maxDistinct = maxDistinctValues;
        _distinct = new Dictionary<string, int>[categoricalWidth];
        for (var f = 0; f < categoricalWidth; f++)
        {
            // Sized for the most values it can hold, so that adding a row never allocates.
            _distinct[f] = new Dictionary<string, int>(Math.Min(size, maxDistinctValues) + 1, StringComparer.Ordinal);
        }
    }

    /// <summary>Gets how many values were held as <see cref="RecordingLimits.OtherValue"/> because their column was at its cap.</summary>
    public long GroupedAsOther => Volatile.Read(ref _groupedAsOther);

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
        for (var f = 0; f < _numericFeatures; f++)
        {
            _numeric[f][row] = numeric[f];
        }

        if (_numeric.Length > _numericFeatures)
        {
            _numeric[_numericFeatures][row] = prediction.Confidence ?? double.NaN;
            _numeric[_numericFeatures + 1][row] = prediction.PredictedValue ?? double.NaN;

            // A prediction without class probabilities has them missing (NaN), as a missing feature value.
            var probabilities = prediction.ClassProbabilities.Span;
            for (var c = 0; c < _classCount; c++)
            {
                _numeric[_numericFeatures + 2 + c][row] = probabilities.Length == _classCount ? probabilities[c] : double.NaN;
            }
        }

        var categorical = prediction.CategoricalFeatures.Span;
        for (var f = 0; f < _categorical.Length; f++)
        {
            Untrack(_distinct[f], _categorical[f][row]);
            _categorical[f][row] = Track(_distinct[f], f < _categoricalFeatures ? categorical[f] : prediction.PredictedClass);
        }

        _ticks[row] = prediction.Timestamp.UtcTicks;
        Added++;
        _next = row + 1 == Size ? 0 : row + 1;
        if (_count < Size)
        {
            Volatile.Write(ref _count, _count + 1);
        }
    }

    private string? Track(Dictionary<string, int> distinct, string? value)
    {
        if (value is null || string.Equals(value, RecordingLimits.OtherValue, StringComparison.Ordinal))
        {
            return value;
        }

        ref var rows = ref CollectionsMarshal.GetValueRefOrNullRef(distinct, value);
        if (!Unsafe.IsNullRef(ref rows))
        {
            rows++;
            return value;
        }

        if (distinct.Count >= _maxDistinct)
        {
            Volatile.Write(ref _groupedAsOther, _groupedAsOther + 1);
            return RecordingLimits.OtherValue;
        }

        distinct.Add(value, 1);
        return value;
    }

    private static void Untrack(Dictionary<string, int> distinct, string? value)
    {
        if (value is null)
        {
            return;
        }

        ref var rows = ref CollectionsMarshal.GetValueRefOrNullRef(distinct, value);
        if (!Unsafe.IsNullRef(ref rows) && --rows == 0)
        {
            distinct.Remove(value);
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
    /// Gets the index of the score column (then the predicted value's, then each class's probability) and of the predicted
    /// class column, when the window holds the outputs.
    /// </summary>
    public (int Score, int Value, int FirstProbability, int Class)? Outputs =>
        _numeric.Length > _numericFeatures ? (_numericFeatures, _numericFeatures + 1, _numericFeatures + 2, _categoricalFeatures) : null;

    /// <summary>
    /// Returns the rows of a numeric column. A full window hands out its circular array itself (order
    /// does not matter to a two-sample comparison): it is only valid until the next <see cref="Add"/>.
    /// </summary>
    public double[] Numeric(int feature) => IsFull ? _numeric[feature] : _numeric[feature][.._count];

    /// <summary>Returns the non-null values of a categorical column; a full column without nulls is handed out as it is.</summary>
    public string[] Categorical(int feature) => Categorical(feature, out _);

    /// <summary>Returns the non-null values of a categorical column, and how many were null (missing).</summary>
    public string[] Categorical(int feature, out int nulls)
    {
        var column = _categorical[feature].AsSpan(0, _count);
        nulls = 0;
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
