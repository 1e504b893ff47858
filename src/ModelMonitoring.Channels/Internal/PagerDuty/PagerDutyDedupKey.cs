using System.Security.Cryptography;
using System.Text;
using ModelMonitoring.Alerting;

namespace ModelMonitoring.Channels.Internal.PagerDuty;

/// <summary>
/// The <c>dedup_key</c> of an alert: the same for its trigger, acknowledge and resolve, so PagerDuty
/// applies all three to one incident.
/// </summary>
internal static class PagerDutyDedupKey
{
    /// <summary>PagerDuty's longest <c>dedup_key</c>.</summary>
    public const int MaxLength = 255;

    /// <summary>
    /// The alert's <see cref="Alert.Id"/> when it has one of at most 255 characters; a longer id is
    /// replaced by <c>sha256:</c> and its hash. An alert without an id (one the alert manager has not
    /// accepted) is keyed by its model, version, environment, name and start time instead.
    /// </summary>
    public static string For(Alert alert)
    {
        if (alert.Id.Length is > 0 and <= MaxLength)
        {
            return alert.Id;
        }

        var identity = alert.Id.Length > 0
            ? alert.Id
            : string.Join('\u001f', alert.Model, alert.Version, alert.Environment, alert.Name, alert.StartedAt?.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(identity));
        return "sha256:" + Convert.ToHexString(hash).ToLowerInvariant();
    }
}
