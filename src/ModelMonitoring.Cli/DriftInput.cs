using ModelMonitoring.Drift;
using ModelMonitoring.Drift.Csv;

namespace ModelMonitoring.Cli;

/// <summary>
/// The selected columns of the reference and current files, typed as the library types a reference
/// CSV (<see cref="ReferenceProfile.FromCsv(string, ReferenceCsvOptions?)"/>): a column is numeric
/// when every non-empty reference value parses as a finite number (invariant culture) and it is not
/// listed in <c>--categorical</c>, or when it is listed in <c>--numeric</c>; otherwise categorical.
/// Empty values are missing and skipped.
/// </summary>
internal sealed class DriftInput
{
    private DriftInput(List<string> columns)
    {
        Columns = columns;
    }

    /// <summary>Gets the reference profile of each selected column, alone, so that a failure names its column.</summary>
    public Dictionary<string, ReferenceProfile> Profiles { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, double[]> CurrentNumeric { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string[]> CurrentCategorical { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Gets, for each column inferred categorical although some of its reference values are numbers,
    /// the sentence naming the first value that is not, with its line.
    /// </summary>
    public Dictionary<string, string> CategoricalBecause { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the number of reference rows, which drives the automatic method choice.</summary>
    public int ReferenceRows { get; private init; }

    /// <summary>Gets the selected columns in the order they are reported.</summary>
    public List<string> Columns { get; }

    /// <summary>Gets the selected numeric columns, in the order they are reported.</summary>
    public IEnumerable<string> NumericColumns => Columns.Where(CurrentNumeric.ContainsKey);

    /// <exception cref="UsageException">A column is missing from a file, a current value does not fit the column's type, or a column's reference values cannot be profiled.</exception>
    /// <exception cref="InvalidDataException">A column has no values, or a <c>--numeric</c> column has a value that is not a number.</exception>
    public static DriftInput Build(CsvTable reference, CsvTable current, DriftArguments arguments)
    {
        KnownColumns(reference, arguments.Categorical, "--categorical");
        KnownColumns(reference, arguments.Numeric, "--numeric");
        var columns = (arguments.Columns ?? reference.NamedColumns).ToList();
        if (columns.Count == 0)
        {
            throw new UsageException("No columns to compare.");
        }

        foreach (var name in columns)
        {
            if (!reference.TryGetColumn(name, out _))
            {
                throw new UsageException($"Unknown column '{name}': {reference.Name} has no such column.");
            }

            if (!current.TryGetColumn(name, out _))
            {
                throw new UsageException($"Unknown column '{name}': {current.Name} has no such column.");
            }
        }

        var input = new DriftInput(columns) { ReferenceRows = reference.Rows.Count };
        foreach (var name in columns)
        {
            var profile = Profile(reference, name, arguments);
            input.Profiles[name] = profile;
            current.TryGetColumn(name, out var index);
            var values = current.Values(index, name);
            if (profile.NumericFeatures.Count > 0)
            {
                input.CurrentNumeric[name] = values.Select(v => v.TryNumber(out var x) ? x
                    : throw new UsageException($"{current.Name} line {v.Line}: column '{name}' is numeric in {reference.Name} but has the value '{v.Text}'; list it in '--categorical' to compare it as categories.")).ToArray();
            }
            else
            {
                input.CurrentCategorical[name] = values.Select(v => v.Text).ToArray();
                if (!arguments.Categorical.Contains(name, StringComparer.Ordinal) && StrayValue(reference, name) is { } because)
                {
                    input.CategoricalBecause[name] = because;
                }
            }
        }

        return input;
    }

    // The library types the column (ReferenceProfile.FromCsv); one column at a time so that an
    // error in profiling, which would not say which column, is reported with its name.
    private static ReferenceProfile Profile(CsvTable reference, string name, DriftArguments arguments)
    {
        var options = new ReferenceCsvOptions();
        options.Columns.Add(name);
        if (arguments.Numeric.Contains(name, StringComparer.Ordinal))
        {
            options.Numeric.Add(name);
        }

        if (arguments.Categorical.Contains(name, StringComparer.Ordinal))
        {
            options.Categorical.Add(name);
        }

        try
        {
            return ReferenceProfile.FromCsvTable(reference, options);
        }
        catch (Exception e) when (e is not InvalidDataException)
        {
            throw new UsageException($"Column '{name}': the values of {reference.Name} cannot be profiled: {ColumnFailure.Reason(e)}", e);
        }
    }

    // A column with numbers that one stray value ('NA', 'Infinity', '1,5') made categorical: the
    // comparison then counts categories, so the user must learn which value did it.
    private static string? StrayValue(CsvTable reference, string name)
    {
        reference.TryGetColumn(name, out var index);
        var values = reference.Values(index, name);
        if (!values.Any(v => v.TryNumber(out _)))
        {
            return null;
        }

        var stray = values.First(v => !v.TryNumber(out _));
        return $"column '{name}' is treated as categorical because of value '{stray.Text}' on line {stray.Line} of {reference.Name}";
    }

    private static void KnownColumns(CsvTable reference, IReadOnlyList<string> names, string option)
    {
        foreach (var name in names)
        {
            if (!reference.TryGetColumn(name, out _))
            {
                throw new UsageException($"Unknown column '{name}' in '{option}': {reference.Name} has no such column.");
            }
        }
    }
}
