using ModelMonitoring.Drift;
using ModelMonitoring.Storage;

namespace ModelMonitoring.DriftMonitoring;

/// <summary>
/// Collects a model's first predictions until there are enough to profile them as the drift reference.
/// Columns grow by doubling up to the target, so collecting allocates only now and then, never per row.
/// </summary>
/// <remarks>
/// With <c>outputs</c> (prediction drift) the model's score, predicted value and each declared class's probability are
/// learned as more numeric columns and its predicted class as one more categorical column, named as in
/// <see cref="PredictionDriftFeatures"/>.
/// </remarks>
internal sealed class ReferenceLearner
{
    private const int InitialCapacity = 1_024;
    private readonly string[] _numericNames;
    private readonly string[] _categoricalNames;
    private readonly int _numericFeatures;
    private readonly int _categoricalFeatures;
    private readonly double[][] _numeric;
    private readonly List<string>[] _categorical;
    private readonly string _modelName;
    private int _rows;

    private readonly bool _keepRowOrder;

    public ReferenceLearner(ModelSchema model, int target, bool keepRowOrder = false, bool outputs = false)
    {
        _modelName = model.Name;
        _keepRowOrder = keepRowOrder;
        Target = target;
        _numericFeatures = model.NumericFeatures.Count;
        _categoricalFeatures = model.CategoricalFeatures.Count;
        _numericNames = outputs
            ? [.. model.NumericFeatures, PredictionDriftFeatures.Score, PredictionDriftFeatures.Value, .. model.Classes.Select(PredictionDriftFeatures.Probability)]
            : [.. model.NumericFeatures];
        _categoricalNames = outputs ? [.. model.CategoricalFeatures, PredictionDriftFeatures.Class] : [.. model.CategoricalFeatures];
        var capacity = Math.Min(target, InitialCapacity);
        _numeric = [.. _numericNames.Select(_ => new double[capacity])];
        _categorical = [.. _categoricalNames.Select(_ => new List<string>(capacity))];
    }

    public int Target { get; }

    /// <summary>Gets the number of rows collected; may be read from any thread.</summary>
    public int Rows => Volatile.Read(ref _rows);

    /// <summary>Adds a prediction's features (and outputs); returns <see langword="true"/> once the target is reached.</summary>
    public bool Add(in PredictionRecord prediction)
    {
        var row = _rows;
        if (row == Target)
        {
            return true;
        }

        var numeric = prediction.NumericFeatures.Span;
        var probabilities = prediction.ClassProbabilities.Span;
        var classCount = _numeric.Length - _numericFeatures - 2;
        for (var f = 0; f < _numeric.Length; f++)
        {
            if (row == _numeric[f].Length)
            {
                Array.Resize(ref _numeric[f], Math.Min(Target, row * 2));
            }

            _numeric[f][row] = f < _numericFeatures ? numeric[f]
                : f == _numericFeatures ? prediction.Confidence ?? double.NaN
                : f == _numericFeatures + 1 ? prediction.PredictedValue ?? double.NaN
                : probabilities.Length == classCount ? probabilities[f - _numericFeatures - 2]
                : double.NaN;
        }

        var categorical = prediction.CategoricalFeatures.Span;
        for (var f = 0; f < _categorical.Length; f++)
        {
            if ((f < _categoricalFeatures ? categorical[f] : prediction.PredictedClass) is { } label)
            {
                _categorical[f].Add(label);
            }
        }

        Volatile.Write(ref _rows, row + 1);
        return row + 1 == Target;
    }

    /// <summary>
    /// Profiles the collected rows. Missing values (NaN, null categories) are left out, so a column may have fewer
    /// values than the row count; a feature or output without any value is left out. With row order kept, the profile
    /// remembers which numeric values came together in the rows without a missing value, for the multivariate check.
    /// </summary>
    /// <exception cref="ArgumentException">No feature has a value to profile.</exception>
    public ReferenceProfile Build()
    {
        var numeric = new List<FeatureProfile>(_numeric.Length);
        var kept = new Dictionary<string, double[]>(_numeric.Length, StringComparer.Ordinal);
        for (var f = 0; f < _numeric.Length; f++)
        {
            var column = _numeric[f][.._rows];
            var present = MissingValues.Present(column, out _);
            if (present.Length > 0)
            {
                numeric.Add(FeatureProfile.Create(_numericNames[f], present));
                kept.Add(_numericNames[f], column);
            }
        }

        var categorical = new List<CategoricalProfile>(_categorical.Length);
        for (var f = 0; f < _categorical.Length; f++)
        {
            if (_categorical[f].Count > 0)
            {
                categorical.Add(CategoricalProfile.Create(_categoricalNames[f], _categorical[f]));
            }
        }

        if (numeric.Count + categorical.Count == 0)
        {
            throw new ArgumentException($"The first {_rows} predictions of model '{_modelName}' have no feature value to profile.");
        }

        // Any row the order holds reads back values the profiles have, so rows with a missing value are simply left out.
        var rowOrder = _keepRowOrder ? ReferenceProfile.RowOrderOf([.. numeric], CompleteRows(numeric, kept)) : null;
        return ReferenceProfile.FromProfiles(_rows, [.. numeric], [.. categorical], rowOrder);
    }

    private static double[][] CompleteRows(List<FeatureProfile> numeric, Dictionary<string, double[]> kept)
    {
        var complete = MissingValues.CompleteRows(kept);
        return [.. numeric.Select(p => complete[p.Name])];
    }
}
