namespace ModelMonitoring.Fleet;

/// <summary>
/// One feature's data-quality counts in one replica's window (<see cref="WindowPartial"/>): counts add up and the
/// smallest and largest values combine, so the merged <c>quality.&lt;feature&gt;.*</c> metrics equal those one process
/// would compute from all the traffic.
/// </summary>
public sealed record FeatureQualityPartial
{
    /// <summary>Gets the feature name, as declared on the model.</summary>
    public required string Feature { get; init; }

    /// <summary>Gets the number of values that were not missing.</summary>
    public long Values { get; init; }

    /// <summary>Gets the number of missing values (NaN, or a null category).</summary>
    public long Missing { get; init; }

    /// <summary>Gets the number of values checked against the model's drift reference (0 before it has one).</summary>
    public long Checked { get; init; }

    /// <summary>Gets how many checked values were out of the reference's range (numeric) or a category it never saw.</summary>
    public long Outside { get; init; }

    /// <summary>Gets the smallest numeric value, or <see langword="null"/> for a categorical feature or without values.</summary>
    public double? Min { get; init; }

    /// <summary>Gets the largest numeric value, or <see langword="null"/> for a categorical feature or without values.</summary>
    public double? Max { get; init; }

    /// <summary>Gets the first category in ordinal order, or <see langword="null"/> for a numeric feature or without values.</summary>
    public string? MinCategory { get; init; }

    /// <summary>Gets the last category in ordinal order, or <see langword="null"/> for a numeric feature or without values.</summary>
    public string? MaxCategory { get; init; }
}
