using ModelMonitoring.Alerting;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Sqlite.Internal;

/// <summary>The store registered as <see cref="IAlertRuleStore"/>, without handing the container a second disposable (see <see cref="SqliteMonitoringReader"/>).</summary>
internal sealed class SqliteAlertRuleStore(SqliteMonitoringStore store) : IAlertRuleStore
{
    public Task SaveRuleAsync(ManagedAlertRule rule, CancellationToken cancellationToken = default) =>
        store.SaveAlertRuleAsync(rule, cancellationToken);

    public Task<IReadOnlyList<ManagedAlertRule>> GetRulesAsync(CancellationToken cancellationToken = default) =>
        store.GetAlertRulesAsync(cancellationToken);

    public Task DeleteRuleAsync(string name, CancellationToken cancellationToken = default) =>
        store.DeleteAlertRuleAsync(name, cancellationToken);
}
