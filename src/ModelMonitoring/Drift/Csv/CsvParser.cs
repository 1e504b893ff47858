using System.Text;

namespace ModelMonitoring.Drift.Csv;

/// <summary>
/// An RFC 4180 reader: comma separators, fields optionally in double quotes, a doubled quote for a
/// quote, line breaks allowed inside quotes. Unquoted fields are trimmed; quoted ones are kept as
/// written. Blank lines are skipped. Malformed quoting throws <see cref="InvalidDataException"/>
/// naming the source and the line.
/// </summary>
internal static class CsvParser
{
    public static List<CsvRecord> Parse(string text, string name)
    {
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var start = 1;
        var quoted = false;
        var wasQuoted = false;
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }
            }
            else if (c == '"' && field.ToString().Trim().Length == 0 && !wasQuoted)
            {
                field.Clear();
                quoted = wasQuoted = true;
            }
            else if (c == '"')
            {
                throw new InvalidDataException($"{name} line {line}: a quote inside a field must be in a quoted field and doubled.");
            }
            else if (c == ',')
            {
                fields.Add(Take(field, wasQuoted));
                wasQuoted = false;
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                EndRecord(records, fields, field, ref wasQuoted, start);
                start = ++line;
            }
            else if (!wasQuoted)
            {
                field.Append(c);
            }
            else if (!char.IsWhiteSpace(c))
            {
                throw new InvalidDataException($"{name} line {line}: text after the closing quote of a field.");
            }
        }

        if (quoted)
        {
            throw new InvalidDataException($"{name} line {start}: a quoted field is not closed.");
        }

        EndRecord(records, fields, field, ref wasQuoted, start);
        return records;
    }

    private static void EndRecord(List<CsvRecord> records, List<string> fields, StringBuilder field, ref bool wasQuoted, int line)
    {
        var blank = fields.Count == 0 && !wasQuoted && field.ToString().Trim().Length == 0;
        if (!blank)
        {
            fields.Add(Take(field, wasQuoted));
            records.Add(new CsvRecord(line, fields.ToArray()));
        }

        fields.Clear();
        field.Clear();
        wasQuoted = false;
    }

    private static string Take(StringBuilder field, bool wasQuoted)
    {
        var value = wasQuoted ? field.ToString() : field.ToString().Trim();
        field.Clear();
        return value;
    }
}
