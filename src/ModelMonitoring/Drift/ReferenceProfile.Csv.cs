using ModelMonitoring.Drift.Csv;

namespace ModelMonitoring.Drift;

/// <content>Building a reference profile from a CSV file.</content>
public sealed partial class ReferenceProfile
{
    /// <summary>Profiles the columns of a CSV file with a header row.</summary>
    /// <remarks>
    /// <para>
    /// The file is UTF-8 (a byte-order mark selects another encoding), separated by
    /// <see cref="ReferenceCsvOptions.Delimiter"/> (a comma by default) as in RFC 4180: fields may
    /// be quoted, and quoted fields may hold delimiters, doubled quotes and line breaks. Fields are
    /// trimmed. Blank lines are skipped. The file is read in one pass, column by column into
    /// numbers or labels, without holding its text.
    /// </para>
    /// <para>
    /// An empty field, or one of <see cref="ReferenceCsvOptions.MissingValues"/>, is a missing
    /// value: it is left out of its column's profile, so a feature's
    /// <see cref="FeatureProfile.Count"/> or <see cref="CategoricalProfile.Count"/> may be smaller
    /// than <see cref="RowCount"/>, which is the number of data rows. Columns are typed as
    /// <see cref="ReferenceCsvOptions"/> describes.
    /// </para>
    /// </remarks>
    /// <param name="path">The file's path.</param>
    /// <param name="options">The column selection and types. The default value is <see langword="null"/>, for every column, typed by inference.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="path"/> is empty, or <paramref name="options"/> names a column the header
    /// lacks, names one twice in <see cref="ReferenceCsvOptions.Columns"/>, or lists one as both
    /// numeric and categorical (the message lists every problem).
    /// </exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is empty or has no data rows; a row has a different number of fields than the
    /// header; a quote is misplaced; a column name repeats; a selected column has no value; or a
    /// column listed in <see cref="ReferenceCsvOptions.Numeric"/> holds a value that is not a
    /// finite number. The message names the file, and the line and column where there is one.
    /// </exception>
    public static ReferenceProfile FromCsv(string path, ReferenceCsvOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var table = CsvTable.Load(path, ReadOptions(Path.GetFileName(path), options));
        return FromCsvTable(table, table.Columns, OutputNames(options));
    }

    /// <summary>Profiles the columns of CSV data with a header row, read from a stream to its end.</summary>
    /// <remarks>As <see cref="FromCsv(string, ReferenceCsvOptions?)"/>. The stream is left open.</remarks>
    /// <param name="stream">The CSV data.</param>
    /// <param name="sourceName">The name used in error messages in place of a file name.</param>
    /// <param name="options">The column selection and types. The default value is <see langword="null"/>, for every column, typed by inference.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="sourceName"/> is empty, or as <see cref="FromCsv(string, ReferenceCsvOptions?)"/>.</exception>
    /// <exception cref="InvalidDataException">As <see cref="FromCsv(string, ReferenceCsvOptions?)"/>.</exception>
    public static ReferenceProfile FromCsv(Stream stream, string sourceName, ReferenceCsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        var table = CsvTable.Read(stream, sourceName, ReadOptions(sourceName, options));
        return FromCsvTable(table, table.Columns, OutputNames(options));
    }

    /// <summary>Profiles the given columns of a table read by <see cref="CsvTable"/>.</summary>
    /// <exception cref="ArgumentException">A column's values cannot be profiled.</exception>
    internal static ReferenceProfile FromCsvTable(CsvTable table, IEnumerable<CsvColumn> columns, IReadOnlyDictionary<string, string>? renames = null)
    {
        string Name(CsvColumn column) => renames is not null && renames.TryGetValue(column.Name, out var renamed) ? renamed : column.Name;

        var numeric = new List<FeatureProfile>();
        var categorical = new List<CategoricalProfile>();
        foreach (var column in columns)
        {
            if (column.IsNumeric)
            {
                numeric.Add(FeatureProfile.Create(Name(column), column.PresentNumbers()));
            }
            else
            {
                categorical.Add(CategoricalProfile.Create(Name(column), column.PresentLabels()));
            }
        }

        return new ReferenceProfile(table.RowCount, numeric.ToArray(), categorical.ToArray());
    }

    private static CsvReadOptions ReadOptions(string source, ReferenceCsvOptions? options)
    {
        options ??= new ReferenceCsvOptions();

        // The outputs are typed by what they are: a score or a value is a number, a class a category.
        var numeric = new HashSet<string>(options.Numeric, StringComparer.Ordinal);
        var categorical = new HashSet<string>(options.Categorical, StringComparer.Ordinal);
        foreach (var column in new[] { options.ScoreColumn, options.ValueColumn }.OfType<string>())
        {
            numeric.Add(column);
        }

        if (options.ClassColumn is { } classColumn)
        {
            categorical.Add(classColumn);
        }

        return new CsvReadOptions(
            options.Delimiter,
            options.MissingValues.ToArray(),
            header => SelectedColumns(source, header, options),
            numeric,
            categorical);
    }

    /// <summary>The output columns of <paramref name="options"/> and the names they are profiled under.</summary>
    private static Dictionary<string, string> OutputNames(ReferenceCsvOptions? options)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (column, name) in Outputs(options))
        {
            names[column] = name;
        }

        return names;
    }

    private static IEnumerable<(string Column, string Name)> Outputs(ReferenceCsvOptions? options)
    {
        if (options?.ScoreColumn is { } score)
        {
            yield return (score, DriftMonitoring.PredictionDriftFeatures.Score);
        }

        if (options?.ClassColumn is { } predicted)
        {
            yield return (predicted, DriftMonitoring.PredictionDriftFeatures.Class);
        }

        if (options?.ValueColumn is { } value)
        {
            yield return (value, DriftMonitoring.PredictionDriftFeatures.Value);
        }
    }

    private static IReadOnlyList<string> SelectedColumns(string source, IReadOnlyList<string> header, ReferenceCsvOptions options)
    {
        var errors = new List<string>();
        void Known(IEnumerable<string> names, string setting)
        {
            foreach (var name in names)
            {
                if (string.IsNullOrEmpty(name) || !header.Contains(name, StringComparer.Ordinal))
                {
                    errors.Add($"{source} has no column '{name}' (listed in {setting}).");
                }
            }
        }

        Known(options.Columns, nameof(options.Columns));
        Known(options.Numeric, nameof(options.Numeric));
        Known(options.Categorical, nameof(options.Categorical));
        Known(Outputs(options).Select(o => o.Column), "ScoreColumn, ClassColumn or ValueColumn");
        foreach (var (column, _) in Outputs(options).GroupBy(o => o.Column, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.First()))
        {
            errors.Add($"Column '{column}' is named by more than one of ScoreColumn, ClassColumn and ValueColumn.");
        }

        foreach (var (column, name) in Outputs(options))
        {
            if (name == DriftMonitoring.PredictionDriftFeatures.Class ? options.Numeric.Contains(column) : options.Categorical.Contains(column))
            {
                errors.Add($"Column '{column}' is the model output '{name}' and cannot also be listed in {(name == DriftMonitoring.PredictionDriftFeatures.Class ? "Numeric" : "Categorical")}.");
            }
            else if (header.Contains(name, StringComparer.Ordinal) && !string.Equals(name, column, StringComparison.Ordinal))
            {
                errors.Add($"{source} has a column named '{name}' besides the output column '{column}'; rename one of them.");
            }
        }
        foreach (var name in options.Columns.GroupBy(c => c, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            errors.Add($"Column '{name}' is listed twice in Columns.");
        }

        foreach (var name in options.Numeric.Where(options.Categorical.Contains))
        {
            errors.Add($"Column '{name}' is listed both in Numeric and in Categorical.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid CSV options: " + string.Join(" ", errors), nameof(options));
        }

        // Listed columns are the features; the outputs are read as well.
        return options.Columns.Count > 0
            ? [.. options.Columns, .. Outputs(options).Select(o => o.Column).Where(c => !options.Columns.Contains(c))]
            : CsvTable.Named(header);
    }
}
