namespace ModelMonitoring.Explainability;

/// <summary>
/// Settings of <see cref="BackgroundExplainer"/>: the share of recorded predictions explained, and the most explanations
/// and the most time one worker cycle spends on them. Internal until the runner is wired into the worker.
/// </summary>
internal sealed record BackgroundExplanationSettings(double SampleRate, int MaxExplanationsPerCycle, TimeSpan BudgetPerCycle, int QueueCapacity, int Seed);
