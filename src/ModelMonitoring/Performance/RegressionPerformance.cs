namespace ModelMonitoring.Performance;

/// <summary>Regression metrics of one set of labelled predictions, as scikit-learn computes them.</summary>
/// <param name="MeanAbsoluteError">The mean absolute error.</param>
/// <param name="RootMeanSquaredError">The square root of the mean squared error.</param>
/// <param name="MeanAbsolutePercentageError">
/// The mean of <c>|actual − predicted| / max(|actual|, ε)</c> with ε the machine epsilon of a double, as
/// scikit-learn's <c>mean_absolute_percentage_error</c>: a zero actual value gives a huge term rather than infinity.
/// A fraction, not a percentage (0.1 is 10 %).
/// </param>
/// <param name="R2">
/// The coefficient of determination; with constant actual values it is 1 when every prediction is exact and 0
/// otherwise (scikit-learn's <c>force_finite</c>), and <see langword="null"/> with fewer than two values.
/// </param>
internal sealed record RegressionPerformance(double MeanAbsoluteError, double RootMeanSquaredError, double MeanAbsolutePercentageError, double? R2);
