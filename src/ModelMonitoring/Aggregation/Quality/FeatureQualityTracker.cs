using ModelMonitoring.Drift;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Aggregation.Quality;

/// <summary>
/// Folds one model's feature values into each window's <see cref="FeatureQuality"/> and turns them into the window
/// metrics <c>quality.&lt;feature&gt;.missing_share</c>, <c>.out_of_range_share</c> (numeric features),
/// <c>.new_category_share</c> (categorical features) and <c>.constant</c>. Runs on the worker thread, never on the
/// recording path.
/// </summary>
/// <remarks>
/// Ranges and categories come from the model's current drift reference, read through <c>reference</c> and taken
/// apart again only when it changes; without one (no drift monitoring, or a reference still being learned) values are
/// not checked, and the two shares that need it are not emitted for the window.
/// </remarks>
internal sealed class FeatureQualityTracker
{
    private readonly ModelSchema _model;
    private readonly Func<ReferenceProfile?> _reference;
    private readonly string[] _missing;
    private readonly string[] _outside;
    private readonly string[] _constant;
    private readonly double[] _min;
    private readonly double[] _max;
    private readonly bool[] _hasRange;
    private readonly HashSet<string>?[] _categories;
    private ReferenceProfile? _seen;

    public FeatureQualityTracker(ModelSchema model, Func<ReferenceProfile?>? reference = null)
    {
        _model = model;
        _reference = reference ?? (static () => null);
        var numeric = model.NumericFeatures.Count;
        Features = [.. model.NumericFeatures, .. model.CategoricalFeatures];
        _missing = [.. Features.Select(WindowMetricNames.MissingShare)];
        _constant = [.. Features.Select(WindowMetricNames.Constant)];
        _outside = [.. Features.Select((f, i) => i < numeric ? WindowMetricNames.OutOfRangeShare(f) : WindowMetricNames.NewCategoryShare(f))];
        _min = new double[numeric];
        _max = new double[numeric];
        _hasRange = new bool[numeric];
        _categories = new HashSet<string>?[model.CategoricalFeatures.Count];
    }

    /// <summary>Gets the feature names in slot order: the numeric features, then the categorical ones.</summary>
    public IReadOnlyList<string> Features { get; }

    public void Observe(WindowState window, in PredictionRecord prediction)
    {
        var reference = _reference();
        if (!ReferenceEquals(reference, _seen))
        {
            Take(reference);
        }

        if (window.Quality.Length != Features.Count)
        {
            window.Quality = new FeatureQuality[Features.Count];
        }

        var quality = window.Quality.AsSpan();
        var numeric = prediction.NumericFeatures.Span;
        for (var f = 0; f < numeric.Length && f < _min.Length; f++)
        {
            var value = numeric[f];
            quality[f].AddNumber(value, _hasRange[f] ? value < _min[f] || value > _max[f] : null);
        }

        var categorical = prediction.CategoricalFeatures.Span;
        for (var f = 0; f < categorical.Length && f < _categories.Length; f++)
        {
            var value = categorical[f];
            quality[_min.Length + f].AddCategory(value, _categories[f] is { } seen && value is not null ? !seen.Contains(value) : null);
        }
    }

    /// <summary>Adds the window's quality metrics to <paramref name="values"/>.</summary>
    public void Emit(WindowState window, Dictionary<string, double> values)
    {
        for (var f = 0; f < window.Quality.Length && f < Features.Count; f++)
        {
            ref readonly var q = ref window.Quality[f];
            var total = q.Values + q.Missing;
            if (total == 0)
            {
                continue;
            }

            values[_missing[f]] = (double)q.Missing / total;
            if (q.Checked > 0)
            {
                values[_outside[f]] = (double)q.Outside / q.Checked;
            }

            if (q.Values >= 2)
            {
                values[_constant[f]] = q.IsConstant(categorical: f >= _min.Length) ? 1 : 0;
            }
        }
    }

    private void Take(ReferenceProfile? reference)
    {
        _seen = reference;
        for (var f = 0; f < _min.Length; f++)
        {
            _hasRange[f] = false;
            if (reference is not null && reference.TryGetNumeric(_model.NumericFeatures[f], out var profile))
            {
                (_min[f], _max[f], _hasRange[f]) = (profile.Min, profile.Max, true);
            }
        }

        for (var f = 0; f < _categories.Length; f++)
        {
            _categories[f] = reference is not null && reference.TryGetCategorical(_model.CategoricalFeatures[f], out var profile)
                ? new HashSet<string>(profile.Categories, StringComparer.Ordinal)
                : null;
        }
    }
}
