using System.Globalization;

namespace ModelMonitoring.Drift.Csv;

/// <summary>One non-empty CSV field and the line on which its record starts (1-based).</summary>
internal readonly record struct CsvValue(int Line, string Text)
{
    /// <summary>Parses the field as a finite number with the invariant culture (<c>.</c> decimal separator, exponents allowed).</summary>
    public bool TryNumber(out double value) => TryNumber(Text, out value);

    /// <inheritdoc cref="TryNumber(out double)"/>
    public static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
