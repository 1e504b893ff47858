namespace ModelMonitoring.Channels.Internal.Registration;

/// <summary>
/// The channels registered in one service collection, by name, with their kind: a name belongs to one
/// channel, so routing by name is unambiguous. Filled while services are registered, read afterwards.
/// </summary>
internal sealed class ChannelNameRegistry
{
    private readonly Dictionary<string, string> _kinds = new(StringComparer.Ordinal);

    /// <summary>Records a channel; returns <see langword="false"/> when this name was already registered with this kind.</summary>
    /// <exception cref="ArgumentException">The name is taken by a channel of another kind.</exception>
    public bool Add(string name, string kind)
    {
        if (_kinds.TryGetValue(name, out var existing))
        {
            return existing == kind
                ? false
                : throw new ArgumentException($"An alert channel named '{name}' is already registered as a {existing} channel; give the {kind} channel another name.", nameof(name));
        }

        _kinds.Add(name, kind);
        return true;
    }

    public bool Contains(string? name, string kind) => name is not null && _kinds.TryGetValue(name, out var existing) && existing == kind;
}
