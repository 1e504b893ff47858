namespace ModelMonitoring.Pipeline;

/// <summary>How writing one batch ended.</summary>
/// <param name="Complete">Whether every record was stored (or skipped as a duplicate) by every sink.</param>
/// <param name="Abandoned">Whether a write the worker stopped waiting for may still read the batch, so its arrays must not be reused.</param>
internal readonly record struct BatchWriteOutcome(bool Complete, bool Abandoned);
