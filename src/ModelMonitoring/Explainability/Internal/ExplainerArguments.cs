using System.Globalization;

namespace ModelMonitoring.Explainability;

/// <summary>Argument checks shared by the explainers; every problem is reported at once, naming the setting.</summary>
internal static class ExplainerArguments
{
    public static void ThrowIfAny(List<string> errors, string parameterName)
    {
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), parameterName);
        }
    }

    public static int RowCount(ReadOnlySpan<double> rows, int featureCount, string parameterName, int maxRows)
    {
        if (featureCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(featureCount), featureCount, "The feature count must be at least 1.");
        }

        if (rows.Length == 0 || rows.Length % featureCount != 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{parameterName} must hold at least one row of {featureCount} features, row-major; it has {rows.Length} values."), parameterName);
        }

        var count = rows.Length / featureCount;
        if (count > maxRows)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{parameterName} may hold at most {maxRows:N0} rows; it has {count:N0}."), parameterName);
        }

        ThrowIfNotFinite(rows, parameterName);
        return count;
    }

    public static void Instance(ReadOnlySpan<double> instance, int featureCount, string parameterName)
    {
        if (instance.Length != featureCount)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{parameterName} must have {featureCount} features; it has {instance.Length}."), parameterName);
        }

        ThrowIfNotFinite(instance, parameterName);
    }

    public static void ThrowIfNotFinite(ReadOnlySpan<double> values, string parameterName)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{parameterName} must hold finite values; value {i} is {values[i]}."), parameterName);
            }
        }
    }
}
