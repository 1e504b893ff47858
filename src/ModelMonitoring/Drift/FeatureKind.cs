namespace ModelMonitoring.Drift;

/// <summary>The kind of a monitored feature, which decides the drift methods that apply to it.</summary>
public enum FeatureKind
{
    /// <summary>A numeric feature, compared through its sorted values or its histogram.</summary>
    Numeric,

    /// <summary>A categorical feature, compared through its category counts.</summary>
    Categorical,
}
