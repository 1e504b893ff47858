using System.Text;
using Sylvan.Data.Csv;

namespace ModelMonitoring.Drift.Csv;

/// <summary>
/// The selected columns of a CSV file, read in one pass into typed columns (<see cref="CsvColumn"/>)
/// without keeping the file's text. Shared by <see cref="ReferenceProfile.FromCsv(string, ReferenceCsvOptions?)"/>
/// and the <c>modelmon</c> CLI.
/// </summary>
/// <remarks>
/// Sylvan.Data.Csv splits records as RFC 4180 says (quoted fields may hold delimiters, doubled
/// quotes and line breaks; a misplaced quote is an error); fields are trimmed; blank lines are
/// skipped. Lines are counted here, from the line breaks inside fields, so that every message
/// names the line where its record starts.
/// </remarks>
internal sealed class CsvTable
{
    private const int InitialCapacity = 1024;

    private readonly Dictionary<string, CsvColumn> _columns;

    private CsvTable(string name, IReadOnlyList<string> header, CsvColumn[] columns, int rowCount)
    {
        Name = name;
        Header = header;
        Columns = columns;
        RowCount = rowCount;
        _columns = columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
    }

    /// <summary>Gets the source name used in messages: the file name, or the name given for a stream.</summary>
    public string Name { get; }

    public IReadOnlyList<string> Header { get; }

    /// <summary>Gets the selected columns, in the order selected.</summary>
    public IReadOnlyList<CsvColumn> Columns { get; }

    /// <summary>Gets the number of data rows.</summary>
    public int RowCount { get; }

    /// <summary>Gets the named columns of a header, in header order (unnamed ones, such as a pandas index, cannot be selected).</summary>
    public static IReadOnlyList<string> Named(IReadOnlyList<string> header) => header.Where(h => h.Length > 0).ToArray();

    public bool TryGetColumn(string name, out CsvColumn column) => _columns.TryGetValue(name, out column!);

    /// <summary>Reads a file, as UTF-8 unless a byte-order mark says otherwise.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is empty, has no data rows, a ragged row, bad quoting, a repeated column name, a
    /// selected column without a value, or a value that is not a number in a column that must be one.
    /// </exception>
    public static CsvTable Load(string path, CsvReadOptions options)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Read(reader, Path.GetFileName(path), options, LineCount(reader.BaseStream));
    }

    /// <summary>Reads a stream to its end, as UTF-8 unless a byte-order mark says otherwise; the stream is left open.</summary>
    /// <exception cref="InvalidDataException">As <see cref="Load(string, CsvReadOptions)"/>.</exception>
    public static CsvTable Read(Stream stream, string name, CsvReadOptions options)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        return Read(reader, name, options, stream.CanSeek ? LineCount(stream) : null);
    }

    // The number of lines, when the source can be read twice, bounds the rows: the columns are
    // allocated once at that size instead of growing (each growth leaves the old array as garbage,
    // which at a few megabytes per column is most of the memory a large file needs).
    private static CsvTable Read(TextReader text, string name, CsvReadOptions options, long? lines)
    {
        var sylvan = new CsvDataReaderOptions { HasHeaders = true, Delimiter = options.Delimiter, Quote = '"' };
        using var csv = Open(text, name, sylvan);
        var header = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetName(i).Trim()).ToArray();
        if (header.Length == 0 || header is [""])
        {
            throw new InvalidDataException($"{name} is empty.");
        }

        var capacity = lines is { } n ? (int)Math.Clamp(n, 1, Array.MaxLength) : InitialCapacity;
        var columns = SelectColumns(name, header, options, capacity);
        var missing = options.MissingValues.ToArray();
        var rows = 0;
        var next = 2 + header.Sum(h => h.AsSpan().Count('\n'));
        while (true)
        {
            bool more;
            try
            {
                more = csv.Read();
            }
            catch (FormatException e)
            {
                throw BadQuoting(name, next, e);
            }

            if (!more)
            {
                break;
            }

            var line = next;
            next += 1 + LineBreaks(csv);
            if (csv.RowFieldCount == 1 && csv.GetFieldSpan(0).Trim().IsEmpty)
            {
                continue;
            }

            if (csv.RowFieldCount != header.Length)
            {
                throw new InvalidDataException($"{name} line {line}: expected {header.Length} fields, found {csv.RowFieldCount}.");
            }

            if (rows == capacity)
            {
                capacity = (int)Math.Min(2L * capacity, Array.MaxLength);
                Array.ForEach(columns, c => c.Grow(capacity));
            }

            foreach (var column in columns)
            {
                var field = csv.GetFieldSpan(column.Index).Trim();
                column.Add(field, IsMissing(field, missing), line, name, options.NumericHint);
            }

            rows++;
        }

        if (rows == 0)
        {
            throw new InvalidDataException($"{name} has a header but no data rows.");
        }

        foreach (var column in columns)
        {
            column.Complete();
            if (column.Present == 0)
            {
                throw new InvalidDataException($"{name}: column '{column.Name}' has no values.");
            }
        }

        return new CsvTable(name, header, columns, rows);
    }

    // Counts line feeds from the stream's position to its end, and returns to the position.
    private static long LineCount(Stream stream)
    {
        var start = stream.Position;
        var buffer = new byte[1 << 16];
        var lines = 1L;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        stream.Position = start;
        return lines;
    }

    private static CsvColumn[] SelectColumns(string name, string[] header, CsvReadOptions options, int capacity)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            // Unnamed columns (a pandas index, a trailing comma) cannot be selected, so they may repeat.
            if (header[i].Length > 0 && !index.TryAdd(header[i], i))
            {
                throw new InvalidDataException($"{name} line 1: column '{header[i]}' appears twice in the header.");
            }
        }

        return options.Select(header)
            .Select(c => new CsvColumn(c, index[c], options.Numeric.Contains(c), options.Categorical.Contains(c), capacity))
            .ToArray();
    }

    private static bool IsMissing(ReadOnlySpan<char> field, string[] tokens)
    {
        if (field.IsEmpty)
        {
            return true;
        }

        foreach (var token in tokens)
        {
            if (field.SequenceEqual(token.AsSpan()))
            {
                return true;
            }
        }

        return false;
    }

    // Quoted fields may hold line breaks; without counting them, messages would name records, not lines.
    private static int LineBreaks(CsvDataReader csv)
    {
        var breaks = 0;
        for (var i = 0; i < csv.RowFieldCount; i++)
        {
            var field = csv.GetFieldSpan(i);
            if (field.Contains('\n'))
            {
                breaks += field.Count('\n');
            }
        }

        return breaks;
    }

    private static CsvDataReader Open(TextReader text, string name, CsvDataReaderOptions options)
    {
        try
        {
            return CsvDataReader.Create(text, options);
        }
        catch (CsvMissingHeadersException)
        {
            throw new InvalidDataException($"{name} is empty.");
        }
        catch (FormatException e)
        {
            throw BadQuoting(name, 1, e);
        }
    }

    // Sylvan refuses bad quoting with a FormatException that counts records, not lines.
    private static InvalidDataException BadQuoting(string name, int line, FormatException e) =>
        new($"{name} line {line}: {e.Message}", e);
}
