namespace ModelMonitoring.Drift.Csv;

/// <summary>One CSV record and the line on which it starts (1-based).</summary>
internal sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);
