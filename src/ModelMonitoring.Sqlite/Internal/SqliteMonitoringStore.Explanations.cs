using ModelMonitoring.Recording;
using ModelMonitoring.Sqlite.Internal.Reading;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Sqlite.Internal;

internal sealed partial class SqliteMonitoringStore
{
    public async Task<PredictionExplanation?> GetExplanationAsync(PredictionId predictionId, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = await _connections.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ExplanationQueries.ReadAsync(connection, predictionId, cancellationToken).ConfigureAwait(false);
        }
    }
}
