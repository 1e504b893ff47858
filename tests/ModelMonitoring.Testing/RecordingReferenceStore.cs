using ModelMonitoring.Drift;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Testing;

/// <summary>An in-memory reference profile store that counts its calls and can be told to fail; share one between pipelines to simulate a restart.</summary>
public sealed class RecordingReferenceStore : IReferenceProfileStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, ReferenceProfile> _profiles = new(StringComparer.Ordinal);

    /// <summary>Gets or sets whether every call throws.</summary>
    public bool Fail { get; set; }

    public int Saves { get; private set; }

    public int Loads { get; private set; }

    public int Deletes { get; private set; }

    public ReferenceProfile? this[string model] { get { lock (_gate) { return _profiles.GetValueOrDefault(model); } } }

    public Task SaveAsync(string model, ReferenceProfile profile, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            ThrowIfFailing();
            Saves++;
            _profiles[model] = profile;
        }

        return Task.CompletedTask;
    }

    public Task<ReferenceProfile?> GetAsync(string model, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            ThrowIfFailing();
            Loads++;
            return Task.FromResult(_profiles.GetValueOrDefault(model));
        }
    }

    public Task DeleteAsync(string model, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            ThrowIfFailing();
            Deletes++;
            _profiles.Remove(model);
        }

        return Task.CompletedTask;
    }

    private void ThrowIfFailing()
    {
        if (Fail)
        {
            throw new InvalidOperationException("The test reference store is failing on purpose.");
        }
    }
}
