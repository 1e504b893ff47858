namespace ModelMonitoring.Explainability;

/// <summary>
/// How the background worker explains a model's recorded predictions with a built-in explainer
/// (<see cref="Configuration.ModelOptions.ExplainInBackground(KernelShapExplainer, Action{BackgroundExplanationOptions}?)"/>, <see cref="Configuration.ModelOptions.ExplainInBackgroundWithLime"/>): which share it samples and how much work one worker
/// cycle may do. Never on the recording path.
/// </summary>
public sealed class BackgroundExplanationOptions
{
    /// <summary>Gets or sets the share of recorded predictions (with every numeric feature present) that are explained, above 0 and at most 1. The default value is 0.01.</summary>
    public double SampleRate { get; set; } = 0.01;

    /// <summary>Gets or sets the most predictions explained in one worker cycle. The default value is 20.</summary>
    public int MaxExplanationsPerCycle { get; set; } = 20;

    /// <summary>Gets or sets the CPU time one worker cycle may spend explaining; the first explanation of a cycle always runs. The default value is 50 ms.</summary>
    public TimeSpan BudgetPerCycle { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Gets or sets how many sampled predictions may wait for a later cycle; beyond it they are skipped and counted (<see cref="Recording.MonitoringStatistics.BackgroundExplanationsSkipped"/>). The default value is 1,000.</summary>
    public int QueueCapacity { get; set; } = 1_000;

    /// <summary>Gets or sets the seed of the sampling, so a run can be repeated. The default value is 1.</summary>
    public int Seed { get; set; } = 1;
}
