using ModelMonitoring.PostgreSql.Internal.Reading;
using ModelMonitoring.Recording;
using ModelMonitoring.Storage;

namespace ModelMonitoring.PostgreSql.Internal;

internal sealed partial class PostgreSqlMonitoringStore
{
    public async Task<PredictionExplanation?> GetExplanationAsync(PredictionId predictionId, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ExplanationQueries.ReadAsync(connection, _sql, predictionId, _commandTimeout, cancellationToken).ConfigureAwait(false);
    }
}
