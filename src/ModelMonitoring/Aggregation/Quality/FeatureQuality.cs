namespace ModelMonitoring.Aggregation.Quality;

/// <summary>
/// One feature's data-quality counts over one window: values and missing values, how many values were checked
/// against a reference and how many of those fell outside it (out of its range, or a category it never saw), and the
/// smallest and largest value (numbers, or categories in ordinal order), which say whether the feature was constant.
/// Every part adds up or takes a minimum or maximum, so the counts of replicas merge exactly (fleet windows).
/// </summary>
internal struct FeatureQuality
{
    public long Values;
    public long Missing;
    public long Checked;
    public long Outside;
    public double Min;
    public double Max;
    public string? MinCategory;
    public string? MaxCategory;

    /// <summary>Adds a numeric value; NaN is a missing value. <paramref name="outside"/> is null without a reference to check against.</summary>
    public void AddNumber(double value, bool? outside)
    {
        if (double.IsNaN(value))
        {
            Missing++;
            return;
        }

        Min = Values == 0 ? value : Math.Min(Min, value);
        Max = Values == 0 ? value : Math.Max(Max, value);
        Values++;
        Count(outside);
    }

    /// <summary>Adds a category; null is a missing value.</summary>
    public void AddCategory(string? value, bool? outside)
    {
        if (value is null)
        {
            Missing++;
            return;
        }

        MinCategory = Values == 0 || string.CompareOrdinal(value, MinCategory) < 0 ? value : MinCategory;
        MaxCategory = Values == 0 || string.CompareOrdinal(value, MaxCategory) > 0 ? value : MaxCategory;
        Values++;
        Count(outside);
    }

    /// <summary>Adds another window's counts of the same feature.</summary>
    public void Merge(in FeatureQuality other)
    {
        if (other.Values > 0)
        {
            Min = Values == 0 ? other.Min : Math.Min(Min, other.Min);
            Max = Values == 0 ? other.Max : Math.Max(Max, other.Max);
            MinCategory = Values == 0 || string.CompareOrdinal(other.MinCategory, MinCategory) < 0 ? other.MinCategory : MinCategory;
            MaxCategory = Values == 0 || string.CompareOrdinal(other.MaxCategory, MaxCategory) > 0 ? other.MaxCategory : MaxCategory;
        }

        Values += other.Values;
        Missing += other.Missing;
        Checked += other.Checked;
        Outside += other.Outside;
    }

    /// <summary>Gets whether the window had at least two values and all were equal.</summary>
    public readonly bool IsConstant(bool categorical) =>
        Values >= 2 && (categorical ? string.Equals(MinCategory, MaxCategory, StringComparison.Ordinal) : Min == Max);

    private void Count(bool? outside)
    {
        if (outside is { } isOutside)
        {
            Checked++;
            Outside += isOutside ? 1 : 0;
        }
    }
}
