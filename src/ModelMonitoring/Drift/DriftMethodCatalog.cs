using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using ModelMonitoring.Drift.Methods;

namespace ModelMonitoring.Drift;

/// <summary>
/// The drift methods that can be chosen by name: the built-in ones (<see cref="DriftMethods"/>) and
/// those added with <see cref="Add"/>. The detector, the start-up validation and the command line's
/// method list all read it, so a method added here is accepted and listed everywhere.
/// </summary>
/// <remarks>
/// Enumeration yields the methods in the order they were added, the built-in ones first. A
/// <see cref="DatasetDriftDetector"/> copies the catalog when it is created; later additions do not
/// reach it.
/// </remarks>
public sealed class DriftMethodCatalog : IReadOnlyCollection<DriftMethod>
{
    private readonly List<DriftMethod> _methods = [];
    private readonly Dictionary<string, DriftMethod> _byName = new(StringComparer.Ordinal);

    internal DriftMethodCatalog(IEnumerable<DriftMethod> methods)
    {
        foreach (var method in methods)
        {
            Add(method);
        }
    }

    /// <summary>Gets the number of methods.</summary>
    public int Count => _methods.Count;

    internal string Names => string.Join(", ", _methods.Select(m => m.Name));

    /// <summary>Adds a method, which can then be chosen by its <see cref="DriftMethod.Name"/>.</summary>
    /// <param name="method">The method.</param>
    /// <exception cref="ArgumentNullException"><paramref name="method"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// The method's name is taken or malformed, it has no description, it names no feature kind, or
    /// its default threshold is invalid; the message says which.
    /// </exception>
    public void Add(DriftMethod method)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (DescriptorError(method) is { } error)
        {
            throw new ArgumentException($"Drift method {method.GetType().Name}: {error}.", nameof(method));
        }

        if (!_byName.TryAdd(method.Name, method))
        {
            throw new ArgumentException($"Drift method {method.GetType().Name}: the name '{method.Name}' is already taken by {_byName[method.Name].GetType().Name}.", nameof(method));
        }

        _methods.Add(method);
    }

    /// <summary>Finds a method by name (ordinal, case-sensitive).</summary>
    /// <param name="name">The method's name.</param>
    /// <param name="method">The method, when found.</param>
    /// <returns>Whether the catalog holds a method of that name.</returns>
    public bool TryGet(string name, [NotNullWhen(true)] out DriftMethod? method)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.TryGetValue(name, out method);
    }

    /// <inheritdoc/>
    public IEnumerator<DriftMethod> GetEnumerator() => _methods.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal static DriftMethodCatalog CreateBuiltIn() => new(BuiltInDriftMethods.Create());

    internal DriftMethodCatalog Copy() => new(_methods);

    internal string NamesFor(FeatureKind kind) => string.Join(", ", _methods.Where(m => m.AppliesTo(kind)).Select(m => m.Name));

    private static string? DescriptorError(DriftMethod method)
    {
        var name = method.Name;
        if (string.IsNullOrEmpty(name) || !char.IsAsciiLetterLower(name[0])
            || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-'))
        {
            return $"the name '{name}' is not allowed; use lower-case ASCII letters, digits, '_' and '-', starting with a letter";
        }

        if (string.IsNullOrWhiteSpace(method.Description))
        {
            return $"'{name}' needs a description, which help texts and reports show";
        }

        if (method.Kinds is not { Count: > 0 } kinds || kinds.Any(k => !Enum.IsDefined(k)))
        {
            return $"'{name}' must apply to at least one feature kind, each {FeatureKind.Numeric} or {FeatureKind.Categorical}";
        }

        return method.ThresholdError(method.DefaultThreshold) is { } error
            ? string.Create(CultureInfo.InvariantCulture, $"default threshold: {error}")
            : null;
    }
}
