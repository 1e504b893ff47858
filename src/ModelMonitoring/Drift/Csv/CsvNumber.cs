using System.Globalization;

namespace ModelMonitoring.Drift.Csv;

/// <summary>What the CSV reader accepts as a number.</summary>
internal static class CsvNumber
{
    /// <summary>Parses a finite number with the invariant culture (<c>.</c> decimal separator, exponents allowed).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
