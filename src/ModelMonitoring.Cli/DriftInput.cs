using ModelMonitoring.Drift;
using ModelMonitoring.Drift.Csv;

namespace ModelMonitoring.Cli;

/// <summary>
/// The selected columns of the reference and current files, read and typed by the library's CSV
/// reader as <see cref="ReferenceProfile.FromCsv(string, ReferenceCsvOptions?)"/> types them: a
/// column is numeric when every reference value that is not missing parses as a finite number
/// (invariant culture) and the column is neither a 0/1 flag nor listed in <c>--categorical</c>,
/// or when it is listed in <c>--numeric</c>; otherwise categorical. The current file is read with
/// the reference's types.
/// </summary>
internal sealed class DriftInput
{
    private DriftInput(CsvTable reference, List<string> columns)
    {
        Reference = reference;
        Columns = columns;
    }

    /// <summary>Gets the reference file's columns; without <c>--multivariate</c>, their counts only (the profiles hold the values).</summary>
    public CsvTable Reference { get; }

    public CsvTable Current { get; private set; } = null!;

    /// <summary>Gets the reference profile of each selected column, alone, so that a failure names its column.</summary>
    public Dictionary<string, ReferenceProfile> Profiles { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the current values of each numeric column that are not missing, sorted.</summary>
    public Dictionary<string, double[]> CurrentNumeric { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string[]> CurrentCategorical { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Gets, for each column inferred categorical although some of its reference values are numbers,
    /// the sentence naming the first value that is not, with its line.
    /// </summary>
    public Dictionary<string, string> CategoricalBecause { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the number of reference rows, which drives the automatic method choice.</summary>
    public int ReferenceRows => Reference.RowCount;

    /// <summary>Gets the selected columns in the order they are reported.</summary>
    public List<string> Columns { get; }

    /// <summary>Gets the selected numeric columns, in the order they are reported.</summary>
    public IEnumerable<string> NumericColumns => Columns.Where(CurrentNumeric.ContainsKey);

    /// <exception cref="UsageException">A file is missing, a column is missing from a file, a current value does not fit the column's type, or a column's reference values cannot be profiled.</exception>
    /// <exception cref="InvalidDataException">A file is malformed, a column has no values, or a <c>--numeric</c> column has a value that is not a number.</exception>
    public static DriftInput Build(DriftArguments arguments)
    {
        var missing = arguments.MissingValues ?? CsvReadOptions.DefaultMissingValues;
        var delimiter = arguments.Delimiter ?? ',';
        var reference = InputFile.Load(arguments.ReferencePath, new CsvReadOptions(
            delimiter,
            missing,
            header => SelectReference(header, arguments, Path.GetFileName(arguments.ReferencePath)),
            arguments.Numeric.ToHashSet(StringComparer.Ordinal),
            arguments.Categorical.ToHashSet(StringComparer.Ordinal)));
        var columns = reference.Columns.Select(c => c.Name).ToList();
        var input = new DriftInput(reference, columns);
        foreach (var column in reference.Columns)
        {
            input.Profiles[column.Name] = Profile(reference, column);
            if (column.Stray is var (value, line))
            {
                // A column of numbers that one stray value ('Infinity', '1,5') made categorical: the
                // comparison then counts categories, so the user must learn which value did it.
                input.CategoricalBecause[column.Name] = $"column '{column.Name}' is treated as categorical because of value '{value}' on line {line} of {reference.Name}";
            }

            // The profiles hold what the comparison needs; the multivariate check alone needs the rows.
            if (!arguments.Multivariate)
            {
                column.DropValues();
            }
        }

        var currentName = Path.GetFileName(arguments.CurrentPath);
        var current = InputFile.Load(arguments.CurrentPath, new CsvReadOptions(
            delimiter,
            missing,
            header => columns.FirstOrDefault(c => !header.Contains(c, StringComparer.Ordinal)) is { } absent
                ? throw new UsageException($"Unknown column '{absent}': {currentName} has no such column.")
                : columns,
            reference.Columns.Where(c => c.IsNumeric).Select(c => c.Name).ToHashSet(StringComparer.Ordinal),
            reference.Columns.Where(c => !c.IsNumeric).Select(c => c.Name).ToHashSet(StringComparer.Ordinal))
        {
            NumericHint = $", which is not a number: the column is numeric in {reference.Name}; list it in '--categorical' to compare it as categories",
        });

        input.Current = current;
        foreach (var column in current.Columns)
        {
            if (column.IsNumeric)
            {
                // Sorted once here for the summaries' quantiles: the comparisons are of two samples,
                // in which order carries nothing. The multivariate check keeps the rows' order.
                var values = column.PresentNumbers();
                values = arguments.Multivariate && column.Present == column.RowCount ? (double[])values.Clone() : values;
                Array.Sort(values);
                input.CurrentNumeric[column.Name] = values;
            }
            else
            {
                input.CurrentCategorical[column.Name] = column.PresentLabels();
            }
        }

        return input;
    }

    // One column at a time, so that an error in profiling, which would not say which column, is reported with its name.
    private static ReferenceProfile Profile(CsvTable reference, CsvColumn column)
    {
        try
        {
            return ReferenceProfile.FromCsvTable(reference, [column]);
        }
        catch (Exception e) when (e is not InvalidDataException)
        {
            throw new UsageException($"Column '{column.Name}': the values of {reference.Name} cannot be profiled: {ColumnFailure.Reason(e)}", e);
        }
    }

    private static List<string> SelectReference(IReadOnlyList<string> header, DriftArguments arguments, string name)
    {
        KnownColumns(header, arguments.Categorical, "--categorical", name);
        KnownColumns(header, arguments.Numeric, "--numeric", name);
        var columns = (arguments.Columns ?? CsvTable.Named(header)).ToList();
        if (columns.Count == 0)
        {
            throw new UsageException("No columns to compare.");
        }

        if (columns.FirstOrDefault(c => !header.Contains(c, StringComparer.Ordinal)) is { } absent)
        {
            throw new UsageException($"Unknown column '{absent}': {name} has no such column.");
        }

        return columns;
    }

    private static void KnownColumns(IReadOnlyList<string> header, IReadOnlyList<string> names, string option, string file)
    {
        foreach (var name in names)
        {
            if (!header.Contains(name, StringComparer.Ordinal))
            {
                throw new UsageException($"Unknown column '{name}' in '{option}': {file} has no such column.");
            }
        }
    }
}
