using System.Globalization;

namespace ModelMonitoring.Estimation;

/// <summary>
/// The labelled reference of performance estimation (CBPE): predictions of a period whose performance is known, from
/// which the model's confidences are calibrated (isotonic regression) and the sampling error of each metric is measured.
/// </summary>
/// <remarks>
/// <para>Each row is what recording stores for a prediction and its label: the predicted class, the confidence
/// (<see cref="Recording.Prediction.Confidence"/>, the probability of the predicted class) and the true class.</para>
/// <para>With two classes the positive class is the greater in ordinal order (scikit-learn's default), whose score is the
/// confidence when it was predicted and one minus the confidence otherwise; that score is calibrated against the true
/// class. With more classes the confidence of each predicted class is calibrated against whether the prediction was
/// right, and the reference's mistakes tell how a wrong prediction of one class splits among the true classes.</para>
/// <para>A reference built from class probabilities (the <c>Create</c> overload taking the classes and each row's
/// probability of every class, <see cref="Recording.Prediction.ClassProbabilities"/>) with more than two classes calibrates
/// each class's probability against whether that class was true (one-vs-rest, NannyML's method); a window's calibrated
/// probabilities, normalized to sum to 1 per prediction, give the expected per-class confusion counts and the expected
/// one-vs-rest ROC curve of each class, so that ROC AUC (the macro mean, scikit-learn's
/// <c>roc_auc_score(multi_class="ovr", average="macro")</c>) is estimated too. With two classes it is the binary case,
/// <c>Classes[1]</c> the positive class.</para>
/// <para>The sampling error of each metric is the standard deviation of its realized value over 200 bootstrap samples of
/// the reference (at most 5,000 rows each, a fixed seed), scaled to a window of <c>n</c> predictions by √(m / n).</para>
/// </remarks>
public sealed class CbpeReference
{
    internal const int BootstrapSamples = 200;
    internal const int MaxBootstrapSize = 5_000;
    internal const int BootstrapSeed = 20_240_413;

    private readonly Dictionary<string, int> _index;

    private CbpeReference(string[] classes, int count)
    {
        Classes = classes;
        Count = count;
        _index = new Dictionary<string, int>(classes.Length, StringComparer.Ordinal);
        for (var i = 0; i < classes.Length; i++)
        {
            _index.Add(classes[i], i);
        }
    }

    /// <summary>Gets the classes predicted or true in the reference, in ordinal order.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>Gets the number of reference rows.</summary>
    public int Count { get; }

    /// <summary>Gets whether the reference has two classes (the positive class is <c>Classes[1]</c>).</summary>
    public bool IsBinary => Classes.Count == 2;

    /// <summary>
    /// Gets whether the reference was built from class probabilities: then <see cref="Classes"/> are in the order given,
    /// which must be the model's (<see cref="Configuration.ModelOptions.Classes"/>), and windows are estimated from the
    /// predictions' <see cref="Recording.Prediction.ClassProbabilities"/>; with more than two classes, ROC AUC included.
    /// </summary>
    public bool UsesClassProbabilities { get; private init; }

    /// <summary>Gets whether windows are estimated from probability vectors: more than two classes, built from class probabilities.</summary>
    internal bool EstimatesFromProbabilities => UsesClassProbabilities && !IsBinary;

    /// <summary>Multiclass from class probabilities: per class, the calibrator of its probability into the probability that it is the true class.</summary>
    internal IsotonicCalibrator[] ProbabilityCalibrators { get; private set; } = [];

    /// <summary>Binary: the calibrator of the positive-class score. Multiclass: unused.</summary>
    internal IsotonicCalibrator? PositiveCalibrator { get; private set; }

    /// <summary>Multiclass: per predicted class, the calibrator of its confidence into the probability of being right (null when never predicted).</summary>
    internal IsotonicCalibrator?[] ClassCalibrators { get; private set; } = [];

    /// <summary>Multiclass: [predicted, true] the share of the wrong predictions of a class whose true class was the other.</summary>
    internal double[,] MistakeShares { get; private set; } = new double[0, 0];

    /// <summary>Gets the realized value of each metric on the whole reference (NaN when undefined), in <see cref="CbpeMath"/> slots.</summary>
    internal double[] ReferenceValues { get; } = new double[CbpeMath.MetricCount];

    /// <summary>Gets each metric's sampling standard deviation times √n: the standard deviation for a window of n is this over √n.</summary>
    internal double[] UnitDeviations { get; } = new double[CbpeMath.MetricCount];

    /// <summary>Builds a reference from labelled predictions.</summary>
    /// <param name="predictedClasses">The predicted class of each row.</param>
    /// <param name="confidences">The confidence of each row (the probability of its predicted class), between 0 and 1.</param>
    /// <param name="actualClasses">The true class of each row.</param>
    /// <returns>The reference.</returns>
    /// <exception cref="ArgumentException">
    /// The lists differ in length, have fewer than 100 rows, a class is null or empty, a confidence is not between 0 and 1,
    /// or fewer than two classes are true.
    /// </exception>
    public static CbpeReference Create(IReadOnlyList<string> predictedClasses, IReadOnlyList<double> confidences, IReadOnlyList<string> actualClasses)
    {
        ArgumentNullException.ThrowIfNull(predictedClasses);
        ArgumentNullException.ThrowIfNull(confidences);
        ArgumentNullException.ThrowIfNull(actualClasses);
        var n = predictedClasses.Count;
        if (confidences.Count != n || actualClasses.Count != n)
        {
            throw new ArgumentException($"The reference lists must have one value per row: {n:N0} predicted classes, {confidences.Count:N0} confidences, {actualClasses.Count:N0} true classes.", nameof(confidences));
        }

        if (n < PerformanceEstimationConstants.MinReferenceRows)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The reference has {n:N0} rows; at least {PerformanceEstimationConstants.MinReferenceRows} are needed to calibrate and measure sampling error."), nameof(predictedClasses));
        }

        for (var i = 0; i < n; i++)
        {
            if (string.IsNullOrEmpty(predictedClasses[i]) || string.IsNullOrEmpty(actualClasses[i]))
            {
                throw new ArgumentException($"Reference row {i}: the predicted and true classes must not be null or empty.", nameof(actualClasses));
            }

            if (!(confidences[i] >= 0 && confidences[i] <= 1))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Reference row {i}: confidence {confidences[i]} is not between 0 and 1."), nameof(confidences));
            }
        }

        if (actualClasses.Distinct(StringComparer.Ordinal).Count() < 2)
        {
            throw new ArgumentException("The reference has a single true class; performance cannot be calibrated without both right and wrong outcomes of at least two classes.", nameof(actualClasses));
        }

        var classes = predictedClasses.Concat(actualClasses).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var reference = new CbpeReference(classes, n);
        var predicted = new int[n];
        var actual = new int[n];
        for (var i = 0; i < n; i++)
        {
            predicted[i] = reference._index[predictedClasses[i]];
            actual[i] = reference._index[actualClasses[i]];
        }

        var rows = new ReferenceRows(predicted, [.. confidences], actual, classes.Length);
        if (classes.Length == 2)
        {
            reference.FitBinary(rows);
        }
        else
        {
            reference.FitMulticlass(rows);
        }

        ReferenceSampling.Measure(rows, reference.ReferenceValues, reference.UnitDeviations);
        return reference;
    }

    /// <summary>Builds a reference from labelled predictions with each class's probability.</summary>
    /// <param name="classes">The classes, in the order of each row's probabilities (the model's declared classes); at least two, distinct.</param>
    /// <param name="predictedClasses">The predicted class of each row, one of <paramref name="classes"/>.</param>
    /// <param name="classProbabilities">Each row's probability of every class, in the order of <paramref name="classes"/>: each between 0 and 1, summing to 1 within 0.001.</param>
    /// <param name="actualClasses">The true class of each row, one of <paramref name="classes"/>.</param>
    /// <returns>The reference.</returns>
    /// <exception cref="ArgumentException">
    /// The lists differ in length or have fewer than 100 rows, the classes are fewer than two, repeated or empty, a row's
    /// class is not one of them, a row has not one probability per class, a probability is not between 0 and 1 or a row's
    /// sum is not 1, or fewer than two classes are true.
    /// </exception>
    public static CbpeReference Create(IReadOnlyList<string> classes, IReadOnlyList<string> predictedClasses, IReadOnlyList<IReadOnlyList<double>> classProbabilities, IReadOnlyList<string> actualClasses)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(predictedClasses);
        ArgumentNullException.ThrowIfNull(classProbabilities);
        ArgumentNullException.ThrowIfNull(actualClasses);
        var k = classes.Count;
        if (k < 2 || classes.Any(string.IsNullOrEmpty) || classes.Distinct(StringComparer.Ordinal).Count() != k)
        {
            throw new ArgumentException($"The classes must be at least two distinct, non-empty labels; got {k}: {string.Join(", ", classes)}.", nameof(classes));
        }

        var n = predictedClasses.Count;
        if (classProbabilities.Count != n || actualClasses.Count != n)
        {
            throw new ArgumentException($"The reference lists must have one value per row: {n:N0} predicted classes, {classProbabilities.Count:N0} probability rows, {actualClasses.Count:N0} true classes.", nameof(classProbabilities));
        }

        if (n < PerformanceEstimationConstants.MinReferenceRows)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The reference has {n:N0} rows; at least {PerformanceEstimationConstants.MinReferenceRows} are needed to calibrate and measure sampling error."), nameof(predictedClasses));
        }

        var reference = new CbpeReference([.. classes], n) { UsesClassProbabilities = true };
        var predicted = new int[n];
        var actual = new int[n];
        var confidences = new double[n];
        var probabilities = new double[n * k];
        for (var i = 0; i < n; i++)
        {
            predicted[i] = reference.IndexOf(predictedClasses[i] ?? string.Empty);
            actual[i] = reference.IndexOf(actualClasses[i] ?? string.Empty);
            if (predicted[i] < 0 || actual[i] < 0)
            {
                throw new ArgumentException($"Reference row {i}: the predicted class '{predictedClasses[i]}' and the true class '{actualClasses[i]}' must both be one of the classes ({string.Join(", ", classes)}).", nameof(actualClasses));
            }

            var row = classProbabilities[i] ?? throw new ArgumentException($"Reference row {i}: the class probabilities are null.", nameof(classProbabilities));
            if (row.Count != k)
            {
                throw new ArgumentException($"Reference row {i}: {row.Count} class probabilities for {k} classes; give one per class, in the order of the classes.", nameof(classProbabilities));
            }

            var values = probabilities.AsSpan(i * k, k);
            for (var c = 0; c < k; c++)
            {
                values[c] = row[c];
            }

            if (Recording.ClassProbabilityCheck.FirstOutOfRange(values, out var sum) is var outside and >= 0)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Reference row {i}: the probability {values[outside]} of class '{classes[outside]}' is not between 0 and 1."), nameof(classProbabilities));
            }

            if (!Recording.ClassProbabilityCheck.SumsToOne(sum))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Reference row {i}: the class probabilities sum to {sum}, not 1 (within {Recording.ClassProbabilityCheck.SumTolerance})."), nameof(classProbabilities));
            }

            confidences[i] = probabilities[(i * k) + predicted[i]];
        }

        if (actual.Distinct().Count() < 2)
        {
            throw new ArgumentException("The reference has a single true class; performance cannot be calibrated without both right and wrong outcomes of at least two classes.", nameof(actualClasses));
        }

        ReferenceRows rows;
        if (k == 2)
        {
            rows = new ReferenceRows(predicted, confidences, actual, k);
            reference.FitBinary(rows);
        }
        else
        {
            rows = new ReferenceRows(predicted, confidences, actual, k, probabilities);
            reference.FitProbabilities(rows);
        }

        ReferenceSampling.Measure(rows, reference.ReferenceValues, reference.UnitDeviations);
        return reference;
    }

    /// <summary>Gets the index of a class in <see cref="Classes"/>, or -1.</summary>
    internal int IndexOf(string predictedClass) => _index.TryGetValue(predictedClass, out var index) ? index : -1;

    /// <summary>Gets the sampling standard deviation of a metric for a window of <paramref name="n"/> predictions.</summary>
    internal double Deviation(int metric, long n) => UnitDeviations[metric] / Math.Sqrt(n);

    private void FitBinary(ReferenceRows rows)
    {
        var scores = new double[rows.Count];
        var outcomes = new double[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            scores[i] = rows.PositiveScore(i);
            outcomes[i] = rows.Actual[i] == 1 ? 1 : 0;
        }

        PositiveCalibrator = IsotonicCalibrator.Fit(scores, outcomes);
    }

    /// <summary>One-vs-rest: each class's probability calibrated against whether the class was true, over every row.</summary>
    private void FitProbabilities(ReferenceRows rows)
    {
        var k = rows.ClassCount;
        var probabilities = rows.Probabilities!;
        var scores = new double[rows.Count];
        var outcomes = new double[rows.Count];
        ProbabilityCalibrators = new IsotonicCalibrator[k];
        for (var c = 0; c < k; c++)
        {
            for (var i = 0; i < rows.Count; i++)
            {
                scores[i] = probabilities[(i * k) + c];
                outcomes[i] = rows.Actual[i] == c ? 1 : 0;
            }

            ProbabilityCalibrators[c] = IsotonicCalibrator.Fit(scores, outcomes);
        }
    }

    private void FitMulticlass(ReferenceRows rows)
    {
        var k = rows.ClassCount;
        ClassCalibrators = new IsotonicCalibrator?[k];
        var mistakes = new double[k, k];
        for (var c = 0; c < k; c++)
        {
            var scores = new List<double>();
            var outcomes = new List<double>();
            for (var i = 0; i < rows.Count; i++)
            {
                if (rows.Predicted[i] != c)
                {
                    continue;
                }

                scores.Add(rows.Confidences[i]);
                outcomes.Add(rows.Actual[i] == c ? 1 : 0);
                if (rows.Actual[i] != c)
                {
                    mistakes[c, rows.Actual[i]]++;
                }
            }

            ClassCalibrators[c] = scores.Count > 0 ? IsotonicCalibrator.Fit([.. scores], [.. outcomes]) : null;
            var wrong = 0.0;
            for (var t = 0; t < k; t++)
            {
                wrong += mistakes[c, t];
            }

            for (var t = 0; t < k; t++)
            {
                // A class never wrong in the reference: its mistakes are spread evenly over the other classes.
                mistakes[c, t] = t == c ? 0 : wrong > 0 ? mistakes[c, t] / wrong : 1.0 / (k - 1);
            }
        }

        MistakeShares = mistakes;
    }
}
