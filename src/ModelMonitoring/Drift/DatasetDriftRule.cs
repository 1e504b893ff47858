namespace ModelMonitoring.Drift;

/// <summary>How the per-feature results decide whether a dataset drifted (<see cref="DatasetDriftOptions.Rule"/>).</summary>
public enum DatasetDriftRule
{
    /// <summary>
    /// Drifted when the share of drifted features reaches <see cref="DatasetDriftOptions.DriftShare"/>
    /// (Evidently's rule).
    /// </summary>
    DriftShare = 0,

    /// <summary>
    /// The first seed's rule: drifted when the dataset's <see cref="DatasetDriftResult.Score"/> (the mean
    /// of the features' scores) is above 0.5, or more than 30 % of the features drifted.
    /// <see cref="DatasetDriftOptions.DriftShare"/> is not used. It declares drift earlier than the
    /// default share of 0.5, and also when many features approach drift without crossing it: with
    /// <see cref="DriftMethods.Combined"/> on windows of a few hundred rows, the sampling noise of the
    /// Jensen-Shannon distance alone can lift every feature's score above 0.5.
    /// </summary>
    ScoreOrShare = 1,
}
