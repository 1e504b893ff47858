namespace ModelMonitoring.Storage.ContractTests;

/// <summary>
/// The behaviour every storage provider must have. A provider's test project derives from this class,
/// creates a fresh empty store in <see cref="CreateStoreAsync"/>, and inherits every test.
/// </summary>
/// <remarks>
/// What the contract pins down: timestamps are kept to the microsecond (truncated); ranges are
/// half-open; a model is read by name across versions and environments; labels join predictions by id
/// whenever they arrive; a batch is stored whole or not at all; prediction ids are unique within a
/// store (the first prediction stored with an id wins, so writing a batch again stores its predictions
/// and labels once); a later label for a prediction replaces an earlier one. Drift checks are written in
/// the batch's transaction and read back with every field and their features in order, oldest first;
/// a drift report counts the checks of a range, takes the latest and the last ten scores and counts
/// drifts per feature. A reference profile reads back exactly as saved, a later save replaces it, and
/// deleting removes it (a provider passes its <see cref="IReferenceProfileStore"/> to <see cref="StoreUnderTest"/>).
/// A run-time alert rule reads back with every setting, its state and who changed it when, keyed by name; a later
/// save replaces it, deleting removes it, and rules are read in the order they were created (a provider passes its
/// <see cref="IAlertRuleStore"/>).
/// A prediction's class probabilities read back bit for bit, and a prediction without any reads back without any (not zeros);
/// a prediction with a number of them other than its model's classes makes the batch an <see cref="ArgumentException"/>, as a
/// wrong number of features does, and one outside [0, 1] (or NaN) is refused with a <see cref="RecordRejectedException"/>.
/// A model's classes are stored with its feature names and read back in order (none as empty); writing the same name, version
/// and environment again with other classes replaces them (a provider passes its read of stored models, <see cref="StoreUnderTest.ReadModels"/>).
/// </remarks>
public abstract partial class MonitoringStoreContractTests
{
    /// <summary>Gets a far range that holds every test record.</summary>
    protected static (DateTimeOffset From, DateTimeOffset To) All => (TestData.T0.AddDays(-1), TestData.T0.AddDays(1));

    /// <summary>Creates a fresh, empty store.</summary>
    /// <returns>The store.</returns>
    protected abstract Task<StoreUnderTest> CreateStoreAsync();

    /// <summary>Saves each alert in the store's alert store.</summary>
    protected static async Task SaveAlertsAsync(StoreUnderTest store, params Alerting.Alert[] alerts)
    {
        foreach (var alert in alerts)
        {
            await store.Alerts.SaveAlertAsync(alert);
        }
    }

    /// <summary>Writes each batch with no cancellation.</summary>
    protected static async Task WriteAsync(StoreUnderTest store, params MonitoringBatch[] batches)
    {
        foreach (var batch in batches)
        {
            await store.Sink.WriteAsync(batch, CancellationToken.None);
        }
    }
}
