namespace ModelMonitoring.ConceptDrift;

/// <summary>Which prediction windows a concept drift check takes as the reference period.</summary>
public enum ConceptDriftReference
{
    /// <summary>The <see cref="ConceptDriftOptions.ReferenceWindows"/> windows just before the current period: the check asks "worse than lately?".</summary>
    Trailing = 0,

    /// <summary>
    /// The first <see cref="ConceptDriftOptions.ReferenceWindows"/> windows of the model with a value of the metric in the
    /// store, as when the model went live: the check asks "worse than at the start?". Found once, then kept.
    /// </summary>
    First = 1,

    /// <summary>The windows starting in <c>[</c><see cref="ConceptDriftOptions.ReferenceFrom"/>, <see cref="ConceptDriftOptions.ReferenceTo"/><c>)</c>, such as a validated week.</summary>
    Fixed = 2,
}
