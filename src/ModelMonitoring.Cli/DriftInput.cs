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
    private DriftInput(ReferenceProfile reference, List<string> columns)
    {
        Reference = reference;
        Columns = columns;
    }

    public ReferenceProfile Reference { get; }

    public Dictionary<string, double[]> CurrentNumeric { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string[]> CurrentCategorical { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the selected columns in the order they are reported.</summary>
    public List<string> Columns { get; }

    /// <summary>Gets the selected numeric columns, in the order they are reported.</summary>
    public IEnumerable<string> NumericColumns => Columns.Where(CurrentNumeric.ContainsKey);

    /// <exception cref="UsageException">A column is missing from a file, or a current value does not fit the column's type.</exception>
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

        var options = new ReferenceCsvOptions();
        columns.ForEach(options.Columns.Add);
        options.Numeric.UnionWith(arguments.Numeric);
        options.Categorical.UnionWith(arguments.Categorical);
        var input = new DriftInput(ReferenceProfile.FromCsvTable(reference, options), columns);
        foreach (var name in columns)
        {
            current.TryGetColumn(name, out var index);
            var values = current.Values(index, name);
            if (input.Reference.TryGetNumeric(name, out _))
            {
                input.CurrentNumeric[name] = values.Select(v => v.TryNumber(out var x) ? x
                    : throw new UsageException($"{current.Name} line {v.Line}: column '{name}' is numeric in {reference.Name} but has the value '{v.Text}'; list it in '--categorical' to compare it as categories.")).ToArray();
            }
            else
            {
                input.CurrentCategorical[name] = values.Select(v => v.Text).ToArray();
            }
        }

        return input;
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
