using System.Text;

namespace ModelMonitoring.Drift.Csv;

/// <summary>
/// A CSV file read into memory: the header and the data rows with their line numbers. Shared by
/// <see cref="ReferenceProfile.FromCsv(string, ReferenceCsvOptions?)"/> and the <c>modelmon</c> CLI.
/// </summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> _index;

    private CsvTable(string name, IReadOnlyList<string> header, IReadOnlyList<CsvRecord> rows)
    {
        Name = name;
        Header = header;
        Rows = rows;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            // Unnamed columns (a pandas index, a trailing comma) cannot be selected, so they may repeat.
            if (header[i].Length > 0 && !_index.TryAdd(header[i], i))
            {
                throw new InvalidDataException($"{name} line 1: column '{header[i]}' appears twice in the header.");
            }
        }
    }

    /// <summary>Gets the source name used in messages: the file name, or the name given for a stream.</summary>
    public string Name { get; }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<CsvRecord> Rows { get; }

    /// <summary>Gets the named columns, in header order.</summary>
    public IEnumerable<string> NamedColumns => Header.Where(h => h.Length > 0);

    /// <summary>Reads a UTF-8 file (a byte-order mark selects another encoding).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    /// <exception cref="InvalidDataException">The file is empty, has no data rows, a ragged row, bad quoting or a repeated column name.</exception>
    public static CsvTable Load(string path) => Parse(File.ReadAllText(path), Path.GetFileName(path));

    /// <summary>Reads a stream to its end, as UTF-8 unless a byte-order mark says otherwise; the stream is left open.</summary>
    /// <exception cref="InvalidDataException">As <see cref="Load(string)"/>.</exception>
    public static CsvTable Read(Stream stream, string name)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        return Parse(reader.ReadToEnd(), name);
    }

    /// <exception cref="InvalidDataException">As <see cref="Load(string)"/>.</exception>
    public static CsvTable Parse(string text, string name)
    {
        var records = CsvParser.Parse(text, name);
        if (records.Count == 0)
        {
            throw new InvalidDataException($"{name} is empty.");
        }

        var header = records[0].Fields;
        var rows = records.Skip(1).ToArray();
        if (rows.Length == 0)
        {
            throw new InvalidDataException($"{name} has a header but no data rows.");
        }

        foreach (var row in rows)
        {
            if (row.Fields.Count != header.Count)
            {
                throw new InvalidDataException($"{name} line {row.Line}: expected {header.Count} fields, found {row.Fields.Count}.");
            }
        }

        return new CsvTable(name, header, rows);
    }

    public bool TryGetColumn(string column, out int index) => _index.TryGetValue(column, out index);

    /// <summary>Returns the non-empty values of a column with their lines; empty fields are missing values.</summary>
    /// <exception cref="InvalidDataException">Every value of the column is empty.</exception>
    public CsvValue[] Values(int index, string column)
    {
        var values = Rows.Select(row => new CsvValue(row.Line, row.Fields[index])).Where(v => v.Text.Length > 0).ToArray();
        return values.Length > 0 ? values : throw new InvalidDataException($"{Name}: column '{column}' has no values.");
    }
}
