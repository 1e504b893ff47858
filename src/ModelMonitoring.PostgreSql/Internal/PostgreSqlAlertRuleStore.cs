using ModelMonitoring.Alerting;
using ModelMonitoring.Storage;

namespace ModelMonitoring.PostgreSql.Internal;

/// <summary>The store registered as <see cref="IAlertRuleStore"/>, without handing the container a second disposable (see <see cref="PostgreSqlMonitoringReader"/>).</summary>
internal sealed class PostgreSqlAlertRuleStore(PostgreSqlMonitoringStore store) : IAlertRuleStore
{
    public Task SaveRuleAsync(ManagedAlertRule rule, CancellationToken cancellationToken = default) =>
        store.SaveAlertRuleAsync(rule, cancellationToken);

    public Task<IReadOnlyList<ManagedAlertRule>> GetRulesAsync(CancellationToken cancellationToken = default) =>
        store.Reader.GetAlertRulesAsync(cancellationToken);

    public Task DeleteRuleAsync(string name, CancellationToken cancellationToken = default) =>
        store.DeleteAlertRuleAsync(name, cancellationToken);
}
