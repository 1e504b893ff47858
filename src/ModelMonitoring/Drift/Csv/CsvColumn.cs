using System.Globalization;

namespace ModelMonitoring.Drift.Csv;

/// <summary>
/// One column of a <see cref="CsvTable"/>, held row by row as numbers (NaN for a missing value)
/// or, once a value is not a number, as labels (<see langword="null"/> for a missing value).
/// </summary>
/// <remarks>
/// A column starts numeric so that a numeric file never holds its text. The first value that is
/// not a number turns an inferred column into labels; the numbers read before it become labels
/// in their shortest round-trip form, which is the text they were written as unless that text
/// had redundant digits ("1.50"). A column of only 0 and 1 becomes the labels "0" and "1": a flag
/// is compared through its two shares, not as a distribution of numbers.
/// </remarks>
internal sealed class CsvColumn
{
    private readonly bool _mustBeNumeric;
    private double[] _numbers;
    private string?[]? _labels;
    private Dictionary<string, string>? _interned;

    public CsvColumn(string name, int index, bool mustBeNumeric, bool categorical, int capacity)
    {
        Name = name;
        Index = index;
        _mustBeNumeric = mustBeNumeric;
        _numbers = categorical ? [] : new double[capacity];
        _labels = categorical ? new string?[capacity] : null;
    }

    public string Name { get; }

    /// <summary>Gets the column's position in the header.</summary>
    public int Index { get; }

    public bool IsNumeric => _labels is null;

    /// <summary>Gets the number of rows, missing values included.</summary>
    public int RowCount { get; private set; }

    /// <summary>Gets the number of values that are not missing.</summary>
    public int Present { get; private set; }

    /// <summary>Gets the line of the first missing value, or 0.</summary>
    public int FirstMissingLine { get; private set; }

    /// <summary>Gets the value that turned an inferred column of numbers into labels, with its line; <see langword="null"/> if none did.</summary>
    public (string Value, int Line)? Stray { get; private set; }

    /// <summary>Gets the values row by row (NaN where missing); only while <see cref="IsNumeric"/>.</summary>
    public ReadOnlySpan<double> RowNumbers => _numbers.AsSpan(0, RowCount);

    /// <summary>Gets the numbers that are not missing; the column's own array when none is, else a copy.</summary>
    public double[] PresentNumbers()
    {
        if (Present == _numbers.Length)
        {
            return _numbers;
        }

        var values = new double[Present];
        var n = 0;
        foreach (var x in RowNumbers)
        {
            if (!double.IsNaN(x))
            {
                values[n++] = x;
            }
        }

        return values;
    }

    /// <summary>Gets the labels that are not missing, in row order; the column's own array when none is, else a copy.</summary>
    public string[] PresentLabels()
    {
        if (Present == _labels!.Length)
        {
            return _labels!;
        }

        var labels = new string[Present];
        var n = 0;
        foreach (var label in _labels.AsSpan(0, RowCount))
        {
            if (label is not null)
            {
                labels[n++] = label;
            }
        }

        return labels;
    }

    internal void Grow(int capacity)
    {
        if (_labels is null)
        {
            Array.Resize(ref _numbers, capacity);
        }
        else
        {
            Array.Resize(ref _labels, capacity);
        }
    }

    /// <exception cref="InvalidDataException">The column must be numeric and the value is not a number.</exception>
    internal void Add(ReadOnlySpan<char> field, bool missing, int line, string source, string? hint)
    {
        var row = RowCount++;
        if (missing)
        {
            FirstMissingLine = FirstMissingLine == 0 ? line : FirstMissingLine;
            if (_labels is null)
            {
                _numbers[row] = double.NaN;
            }

            return;
        }

        Present++;
        if (_labels is null)
        {
            if (CsvNumber.TryParse(field, out _numbers[row]))
            {
                return;
            }

            if (_mustBeNumeric)
            {
                throw new InvalidDataException($"{source} line {line}: column '{Name}' must be numeric but has the value '{field}'{hint}.");
            }

            Stray = Present > 1 ? (field.ToString(), line) : null;
            ToLabels(row, static x => x.ToString("R", CultureInfo.InvariantCulture));
        }

        _labels![row] = Intern(field);
    }

    /// <summary>
    /// Lets go of the values once they are profiled, keeping the counts; <see cref="RowNumbers"/>,
    /// <see cref="PresentNumbers"/> and <see cref="PresentLabels"/> may not be called after.
    /// </summary>
    public void DropValues()
    {
        _numbers = [];
        _labels = _labels is null ? null : [];
    }

    /// <summary>
    /// Ends the column once every row is read: a numeric column of only 0 and 1 that may be
    /// inferred becomes labels, and the arrays shrink to the rows so that a column without a
    /// missing value is handed over without a copy.
    /// </summary>
    internal void Complete()
    {
        if (_labels is null && !_mustBeNumeric && Present > 0 && IsFlag(RowNumbers))
        {
            ToLabels(RowCount, static x => x == 0 ? "0" : "1");
        }

        if (_labels is null && _numbers.Length != RowCount)
        {
            Array.Resize(ref _numbers, RowCount);
        }
        else if (_labels is not null && _labels.Length != RowCount)
        {
            Array.Resize(ref _labels, RowCount);
        }

        _interned = null;
    }

    private static bool IsFlag(ReadOnlySpan<double> values)
    {
        foreach (var x in values)
        {
            if (x is not (0 or 1) && !double.IsNaN(x))
            {
                return false;
            }
        }

        return true;
    }

    // Rows before `rows` are numbers (NaN missing) and become labels.
    private void ToLabels(int rows, Func<double, string> label)
    {
        _labels = new string?[_numbers.Length];
        for (var i = 0; i < rows; i++)
        {
            _labels[i] = double.IsNaN(_numbers[i]) ? null : Intern(label(_numbers[i]));
        }

        _numbers = [];
    }

    // Labels repeat; one string per distinct label keeps a categorical column at one reference per row.
    private string Intern(ReadOnlySpan<char> field)
    {
        _interned ??= new Dictionary<string, string>(StringComparer.Ordinal);
#if NET9_0_OR_GREATER
        var lookup = _interned.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(field, out var label))
        {
            label = field.ToString();
            _interned[label] = label;
        }

        return label;
#else
        var text = field.ToString();
        if (!_interned.TryGetValue(text, out var label))
        {
            label = text;
            _interned[label] = label;
        }

        return label;
#endif
    }
}
