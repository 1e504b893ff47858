using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace ModelMonitoring.Recording;

/// <summary>
/// A metric's metadata as it was when the metric was recorded: a private copy, so that a caller who
/// changes its dictionary afterwards (even while the worker writes the batch) changes nothing stored.
/// Few entries (see <see cref="RecordingLimits.MaxMetadataEntries"/>), so lookups scan.
/// </summary>
internal sealed class MetadataSnapshot(KeyValuePair<string, string>[] entries) : IReadOnlyDictionary<string, string>
{
    public int Count => entries.Length;

    public IEnumerable<string> Keys => entries.Select(e => e.Key);

    public IEnumerable<string> Values => entries.Select(e => e.Value);

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The metadata has no key '{key}'.");

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        foreach (var entry in entries)
        {
            if (string.Equals(entry.Key, key, StringComparison.Ordinal))
            {
                value = entry.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
