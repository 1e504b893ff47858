using ModelMonitoring.Drift.Csv;

namespace ModelMonitoring.Cli;

/// <summary>Loads an input CSV file with the library's reader, turning file-system errors into usage errors.</summary>
internal static class InputFile
{
    /// <exception cref="UsageException">The file is missing or unreadable.</exception>
    /// <exception cref="InvalidDataException">The content is bad; the message names the file and line.</exception>
    public static CsvTable Load(string path, CsvReadOptions options)
    {
        try
        {
            return CsvTable.Load(path, options);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UsageException($"File not found: {path}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot read {path}: {e.Message}", e);
        }
    }
}
