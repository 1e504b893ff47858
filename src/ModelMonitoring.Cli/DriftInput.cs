using System.Diagnostics;
using System.Globalization;

namespace ModelMonitoring.Cli;

/// <summary>
/// The selected columns of the reference and current files, typed: a column is numeric when every
/// non-empty reference value parses as a finite number (invariant culture) and it is not listed in
/// <c>--categorical</c>; otherwise categorical. Empty values are missing and skipped.
/// </summary>
internal sealed class DriftInput
{
    public Dictionary<string, double[]> ReferenceNumeric { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string[]> ReferenceCategorical { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, double[]> CurrentNumeric { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string[]> CurrentCategorical { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the selected columns in the order they are reported.</summary>
    public List<string> Columns { get; } = [];

    /// <exception cref="UsageException">A column is missing from a file, empty, or a current value does not fit the column's type.</exception>
    public static DriftInput Build(CsvTable reference, CsvTable current, DriftArguments arguments)
    {
        foreach (var name in arguments.Categorical)
        {
            if (!reference.TryGetColumn(name, out _))
            {
                throw new UsageException($"Unknown column '{name}' in '--categorical': {reference.Name} has no such column.");
            }
        }

        var input = new DriftInput();
        foreach (var name in arguments.Columns ?? reference.Header)
        {
            if (!reference.TryGetColumn(name, out var r))
            {
                throw new UsageException($"Unknown column '{name}': {reference.Name} has no such column.");
            }

            if (!current.TryGetColumn(name, out var c))
            {
                throw new UsageException($"Unknown column '{name}': {current.Name} has no such column.");
            }

            var referenceValues = Values(reference, r, name);
            var currentValues = Values(current, c, name);
            input.Columns.Add(name);
            var numeric = !arguments.Categorical.Contains(name, StringComparer.Ordinal)
                && referenceValues.All(v => TryNumber(v.Text, out _));
            if (numeric)
            {
                input.ReferenceNumeric[name] = referenceValues.Select(v => Number(v.Text)).ToArray();
                input.CurrentNumeric[name] = currentValues.Select(v => TryNumber(v.Text, out var x) ? x
                    : throw new UsageException($"{current.Name} line {v.Line}: column '{name}' is numeric in {reference.Name} but has the value '{v.Text}'; list it in '--categorical' to compare it as categories.")).ToArray();
            }
            else
            {
                input.ReferenceCategorical[name] = referenceValues.Select(v => v.Text).ToArray();
                input.CurrentCategorical[name] = currentValues.Select(v => v.Text).ToArray();
            }
        }

        if (input.Columns.Count == 0)
        {
            throw new UsageException("No columns to compare.");
        }

        return input;
    }

    private static (int Line, string Text)[] Values(CsvTable table, int index, string name)
    {
        var values = table.Rows.Select(row => (row.Line, Text: row.Fields[index])).Where(v => v.Text.Length > 0).ToArray();
        return values.Length > 0 ? values : throw new UsageException($"{table.Name}: column '{name}' has no values.");
    }

    private static double Number(string text) => TryNumber(text, out var value) ? value : throw new UnreachableException();

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
