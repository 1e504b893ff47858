using System.Buffers;
using ModelMonitoring.Statistics;

namespace ModelMonitoring.Drift;

/// <summary>
/// Detects drift in the joint distribution of numeric features, which per-feature tests miss when
/// only the relations between features change: principal component analysis (PCA) of the
/// standardised reference, then, for each current dataset, a Kolmogorov-Smirnov test on each kept
/// component's projections and a check of the PCA reconstruction error against its spread over
/// chunks of the reference.
/// </summary>
/// <remarks>
/// <para>
/// Fitting standardises each feature with its reference mean and sample standard deviation
/// (divisor n − 1) and keeps the leading eigenvectors of the resulting correlation matrix (see
/// <see cref="MultivariateDriftOptions.ExplainedVariance"/> and
/// <see cref="MultivariateDriftOptions.Components"/>). The reference projections on each component
/// are sorted once, so a check sorts only the current data.
/// </para>
/// <para>
/// A component drifts when its two-sided two-sample Kolmogorov-Smirnov p-value (as
/// <c>scipy.stats.ks_2samp</c>) is below <see cref="MultivariateDriftOptions.Alpha"/> divided by
/// the number of components. The reconstruction error of a dataset is the mean Euclidean distance
/// between its standardised rows and their reconstruction from the kept components; it drifts when
/// it lies outside <see cref="LowerBound"/>..<see cref="UpperBound"/>, the mean ± 3 sample standard
/// deviations of the errors of consecutive reference chunks. The dataset drifts when either does.
/// </para>
/// <para>A detector is immutable once fitted and may be shared between threads.</para>
/// </remarks>
public sealed class MultivariateDriftDetector
{
    private readonly string[] _features;
    private readonly PrincipalComponents _components;
    private readonly SortedSample[] _referenceProjections;
    private readonly double _componentThreshold;

    private MultivariateDriftDetector(
        string[] features, int rows, PrincipalComponents components, SortedSample[] projections, int chunkSize, double[] chunkErrors, double referenceError, double alpha)
    {
        _features = features;
        _components = components;
        _referenceProjections = projections;
        _componentThreshold = alpha / components.ComponentCount;
        Features = Array.AsReadOnly(features);
        ExplainedVarianceRatios = Array.AsReadOnly(components.ExplainedVarianceRatios);
        ChunkErrors = Array.AsReadOnly(chunkErrors);
        ReferenceRowCount = rows;
        ChunkSize = chunkSize;
        ReferenceReconstructionError = referenceError;
        var (mean, variance) = Moments.MeanAndVariance(chunkErrors);
        var spread = MultivariateDriftConstants.BoundDeviations * Math.Sqrt(variance);
        LowerBound = mean - spread;
        UpperBound = mean + spread;
    }

    /// <summary>Gets the features, in the order of the reference dictionary.</summary>
    public IReadOnlyList<string> Features { get; }

    /// <summary>Gets the number of reference rows.</summary>
    public int ReferenceRowCount { get; }

    /// <summary>
    /// Gets the share of the standardised reference variance explained by every principal
    /// component (kept or not), in decreasing order; they add up to 1.
    /// </summary>
    public IReadOnlyList<double> ExplainedVarianceRatios { get; }

    /// <summary>Gets the number of kept components.</summary>
    public int ComponentCount => _components.ComponentCount;

    /// <summary>Gets the number of rows in each reference chunk.</summary>
    public int ChunkSize { get; }

    /// <summary>Gets the reconstruction error of each whole reference chunk.</summary>
    public IReadOnlyList<double> ChunkErrors { get; }

    /// <summary>Gets the reconstruction error of the whole reference.</summary>
    public double ReferenceReconstructionError { get; }

    /// <summary>Gets the mean of <see cref="ChunkErrors"/> minus 3 sample standard deviations (divisor count − 1).</summary>
    public double LowerBound { get; }

    /// <summary>Gets the mean of <see cref="ChunkErrors"/> plus 3 sample standard deviations (divisor count − 1).</summary>
    public double UpperBound { get; }

    /// <summary>Fits the detector to reference data.</summary>
    /// <param name="reference">
    /// Numeric reference columns by feature name, row-aligned (the i-th value of every column
    /// belongs to the same row), finite, with at least one more row than there are features.
    /// </param>
    /// <param name="options">The options. The default value is <see langword="null"/>, for the defaults.</param>
    /// <returns>The fitted detector.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reference"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// There is no column, a column is missing or empty, columns differ in length, a value is not
    /// finite, a feature is constant, there are not more rows than features, or an option is
    /// invalid (the message lists every invalid option).
    /// </exception>
    public static MultivariateDriftDetector Fit(IReadOnlyDictionary<string, double[]> reference, MultivariateDriftOptions? options = null)
    {
        options ??= new MultivariateDriftOptions();
        var (features, columns) = MultivariateColumns.Reference(reference, nameof(reference));
        var p = features.Length;
        var rows = columns[0].Length;
        if (rows < p + 1)
        {
            throw new ArgumentException($"PCA on {p} features needs at least {p + 1} reference rows; there are {rows}.", nameof(reference));
        }

        var chunkSize = options.ChunkSize ?? Math.Max(1, rows / MultivariateDriftConstants.ChunkCount);
        Validate(options, p, rows);
        var components = PrincipalComponents.Fit(features, columns, options.ExplainedVariance, options.Components, nameof(reference));
        var projections = new double[components.ComponentCount][];
        for (var c = 0; c < projections.Length; c++)
        {
            projections[c] = new double[rows];
        }

        var errors = new double[rows];
        components.Transform(columns, projections, errors);
        var chunkErrors = new double[rows / chunkSize];
        for (var chunk = 0; chunk < chunkErrors.Length; chunk++)
        {
            chunkErrors[chunk] = Mean(errors.AsSpan(chunk * chunkSize, chunkSize));
        }

        var sorted = projections.Select(values => SortedSample.Create(values)).ToArray();
        return new MultivariateDriftDetector(features, rows, components, sorted, chunkSize, chunkErrors, Mean(errors), options.Alpha);
    }

    /// <summary>Checks a current dataset against the reference.</summary>
    /// <param name="current">
    /// Numeric current columns by feature name, row-aligned and finite; every feature of the
    /// reference must be present (other columns are ignored).
    /// </param>
    /// <returns>The per-component tests, the reconstruction error with its bounds, and the verdict.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="current"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// A reference feature is missing, columns differ in length, there is no row, or a value is not finite.
    /// </exception>
    public MultivariateDriftResult Detect(IReadOnlyDictionary<string, double[]> current)
    {
        var columns = MultivariateColumns.Current(current, _features, nameof(current));
        var rows = columns[0].Length;
        var k = ComponentCount;
        var projections = new double[k][];
        var errors = ArrayPool<double>.Shared.Rent(rows);
        try
        {
            for (var c = 0; c < k; c++)
            {
                projections[c] = ArrayPool<double>.Shared.Rent(rows);
            }

            _components.Transform(columns, projections, errors);
            var results = new ComponentDriftResult[k];
            for (var c = 0; c < k; c++)
            {
                var test = TwoSampleTests.KolmogorovSmirnov(_referenceProjections[c], projections[c].AsSpan(0, rows));
                var p = test.PValue!.Value;
                results[c] = new ComponentDriftResult(c, _components.ExplainedVarianceRatios[c], test.Statistic, p, _componentThreshold, p < _componentThreshold);
            }

            return new MultivariateDriftResult(rows, results, Mean(errors.AsSpan(0, rows)), LowerBound, UpperBound, ChunkErrors.Count);
        }
        finally
        {
            foreach (var projection in projections)
            {
                if (projection is not null)
                {
                    ArrayPool<double>.Shared.Return(projection);
                }
            }

            ArrayPool<double>.Shared.Return(errors);
        }
    }

    private static void Validate(MultivariateDriftOptions options, int features, int rows)
    {
        var errors = new List<string>();
        if (options.ExplainedVariance is not (> 0 and <= 1))
        {
            errors.Add($"ExplainedVariance must lie in (0, 1], not {options.ExplainedVariance}.");
        }

        if (options.Components is { } components && (components < 1 || components > features))
        {
            errors.Add($"Components must lie between 1 and the number of features ({features}), not {options.Components}.");
        }

        if (options.ChunkSize is { } size && (size < 1 || rows / size < 2))
        {
            errors.Add($"ChunkSize must be at least 1 and leave at least two whole chunks of the {rows} reference rows (at most {rows / 2}), not {size}.");
        }

        if (options.Alpha is not (> 0 and < 1))
        {
            errors.Add($"Alpha must lie in (0, 1), not {options.Alpha}.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid multivariate drift options: " + string.Join(" ", errors), nameof(options));
        }
    }

    private static double Mean(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum / values.Length;
    }
}
