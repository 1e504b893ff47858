using ModelMonitoring.Drift;
using ModelMonitoring.Storage;

namespace ModelMonitoring.DriftMonitoring;

/// <summary>
/// Collects a model's first predictions until there are enough to profile them as the drift reference.
/// Columns grow by doubling up to the target, so collecting allocates only now and then, never per row.
/// </summary>
internal sealed class ReferenceLearner
{
    private const int InitialCapacity = 1_024;
    private readonly ModelSchema _model;
    private readonly double[][] _numeric;
    private readonly List<string>[] _categorical;
    private int _rows;

    private readonly bool _keepRowOrder;

    public ReferenceLearner(ModelSchema model, int target, bool keepRowOrder = false)
    {
        _model = model;
        _keepRowOrder = keepRowOrder;
        Target = target;
        var capacity = Math.Min(target, InitialCapacity);
        _numeric = [.. model.NumericFeatures.Select(_ => new double[capacity])];
        _categorical = [.. model.CategoricalFeatures.Select(_ => new List<string>(capacity))];
    }

    public int Target { get; }

    /// <summary>Gets the number of rows collected; may be read from any thread.</summary>
    public int Rows => Volatile.Read(ref _rows);

    /// <summary>Adds a prediction's features; returns <see langword="true"/> once the target is reached.</summary>
    public bool Add(in PredictionRecord prediction)
    {
        var row = _rows;
        if (row == Target)
        {
            return true;
        }

        var numeric = prediction.NumericFeatures.Span;
        for (var f = 0; f < _numeric.Length; f++)
        {
            if (row == _numeric[f].Length)
            {
                Array.Resize(ref _numeric[f], Math.Min(Target, row * 2));
            }

            _numeric[f][row] = numeric[f];
        }

        var categorical = prediction.CategoricalFeatures.Span;
        for (var f = 0; f < _categorical.Length; f++)
        {
            if (categorical[f] is { } label)
            {
                _categorical[f].Add(label);
            }
        }

        Volatile.Write(ref _rows, row + 1);
        return row + 1 == Target;
    }

    /// <summary>
    /// Profiles the collected rows. Categorical columns leave out null values, so they may be shorter
    /// than the row count; a categorical feature without any value is left out. With row order kept,
    /// the profile remembers which numeric values came together, for the multivariate check.
    /// </summary>
    /// <exception cref="ArgumentException">No feature has a value to profile.</exception>
    public ReferenceProfile Build()
    {
        // Missing values (NaN) are left out; a numeric feature without any value is left out, like a categorical one.
        var numeric = new List<FeatureProfile>(_numeric.Length);
        var kept = new List<double[]>(_numeric.Length);
        for (var f = 0; f < _numeric.Length; f++)
        {
            var column = _numeric[f][.._rows];
            var present = MissingValues.Present(column, out _);
            if (present.Length > 0)
            {
                numeric.Add(FeatureProfile.Create(_model.NumericFeatures[f], present));
                kept.Add(column);
            }
        }

        var categorical = new List<CategoricalProfile>(_categorical.Length);
        for (var f = 0; f < _categorical.Length; f++)
        {
            if (_categorical[f].Count > 0)
            {
                categorical.Add(CategoricalProfile.Create(_model.CategoricalFeatures[f], _categorical[f]));
            }
        }

        if (numeric.Count + categorical.Count == 0)
        {
            throw new ArgumentException($"The first {_rows} predictions of model '{_model.Name}' have no feature value to profile.");
        }

        // The row order keeps the rows without a missing value: any row it holds reads back values the profiles have.
        var rowOrder = _keepRowOrder ? ReferenceProfile.RowOrderOf([.. numeric], CompleteRows(kept)) : null;
        return ReferenceProfile.FromProfiles(_rows, [.. numeric], [.. categorical], rowOrder);
    }

    private static double[][] CompleteRows(List<double[]> columns)
    {
        var complete = MissingValues.CompleteRows(columns.Select((c, i) => (Key: i.ToString(System.Globalization.CultureInfo.InvariantCulture), c)).ToDictionary(x => x.Key, x => x.c));
        return [.. Enumerable.Range(0, columns.Count).Select(i => complete[i.ToString(System.Globalization.CultureInfo.InvariantCulture)])];
    }
}
