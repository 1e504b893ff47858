using ModelMonitoring.Drift.Csv;

namespace ModelMonitoring.Drift;

/// <content>Building a reference profile from a CSV file.</content>
public sealed partial class ReferenceProfile
{
    /// <summary>Profiles the columns of a CSV file with a header row.</summary>
    /// <remarks>
    /// <para>
    /// The file is comma-separated UTF-8 (a byte-order mark selects another encoding) as in
    /// RFC 4180: fields may be quoted, and quoted fields may hold commas, doubled quotes and line
    /// breaks. Unquoted fields are trimmed; quoted ones are kept as written. Blank lines are skipped.
    /// </para>
    /// <para>
    /// An empty field is a missing value: it is left out of its column's profile, so a feature's
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
        return FromCsvTable(CsvTable.Load(path), options);
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
        return FromCsvTable(CsvTable.Read(stream, sourceName), options);
    }

    internal static ReferenceProfile FromCsvTable(CsvTable table, ReferenceCsvOptions? options)
    {
        options ??= new ReferenceCsvOptions();
        var numeric = new List<FeatureProfile>();
        var categorical = new List<CategoricalProfile>();
        foreach (var name in SelectedColumns(table, options))
        {
            table.TryGetColumn(name, out var index);
            var values = table.Values(index, name);
            if (options.Categorical.Contains(name))
            {
                categorical.Add(CategoricalProfile.Create(name, values.Select(v => v.Text).ToArray()));
                continue;
            }

            var numbers = new double[values.Length];
            var bad = ParseNumbers(values, numbers);
            if (bad >= 0 && options.Numeric.Contains(name))
            {
                throw new InvalidDataException($"{table.Name} line {values[bad].Line}: column '{name}' must be numeric but has the value '{values[bad].Text}'.");
            }

            if (bad >= 0)
            {
                categorical.Add(CategoricalProfile.Create(name, values.Select(v => v.Text).ToArray()));
                continue;
            }

            numeric.Add(FeatureProfile.Create(name, numbers));
        }

        return new ReferenceProfile(table.Rows.Count, numeric.ToArray(), categorical.ToArray());
    }

    // Parses every value; returns the index of the first that is not a finite number, or -1.
    private static int ParseNumbers(CsvValue[] values, double[] numbers)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!values[i].TryNumber(out numbers[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static IEnumerable<string> SelectedColumns(CsvTable table, ReferenceCsvOptions options)
    {
        var errors = new List<string>();
        void Known(IEnumerable<string> names, string setting)
        {
            foreach (var name in names)
            {
                if (string.IsNullOrEmpty(name) || !table.TryGetColumn(name, out _))
                {
                    errors.Add($"{table.Name} has no column '{name}' (listed in {setting}).");
                }
            }
        }

        Known(options.Columns, nameof(options.Columns));
        Known(options.Numeric, nameof(options.Numeric));
        Known(options.Categorical, nameof(options.Categorical));
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

        return options.Columns.Count > 0 ? options.Columns.ToArray() : table.NamedColumns.ToArray();
    }
}
