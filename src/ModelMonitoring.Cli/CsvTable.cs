namespace ModelMonitoring.Cli;

/// <summary>A CSV file read into memory: the header and the data rows with their line numbers.</summary>
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
            if (!_index.TryAdd(header[i], i))
            {
                throw new UsageException($"{name} line 1: column '{header[i]}' appears twice in the header.");
            }
        }
    }

    /// <summary>Gets the file name used in messages.</summary>
    public string Name { get; }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<CsvRecord> Rows { get; }

    /// <summary>Reads a file.</summary>
    /// <exception cref="UsageException">The file is missing, empty, has no data rows or a ragged row.</exception>
    public static CsvTable Load(string path)
    {
        var name = Path.GetFileName(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UsageException($"File not found: {path}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot read {path}: {e.Message}", e);
        }

        var records = CsvParser.Parse(text, name);
        if (records.Count == 0)
        {
            throw new UsageException($"{name} is empty.");
        }

        var header = records[0].Fields;
        var rows = records.Skip(1).ToArray();
        if (rows.Length == 0)
        {
            throw new UsageException($"{name} has a header but no data rows.");
        }

        foreach (var row in rows)
        {
            if (row.Fields.Count != header.Count)
            {
                throw new UsageException($"{name} line {row.Line}: expected {header.Count} fields, found {row.Fields.Count}.");
            }
        }

        return new CsvTable(name, header, rows);
    }

    public bool TryGetColumn(string column, out int index) => _index.TryGetValue(column, out index);
}
