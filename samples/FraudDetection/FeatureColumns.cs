namespace FraudDetection;

/// <summary>Collects recorded feature values column by column, as a drift check wants them.</summary>
internal sealed class FeatureColumns(IReadOnlyList<string> numericNames)
{
    private readonly List<double>[] _numeric = [.. numericNames.Select(_ => new List<double>())];
    private readonly List<string> _countries = [];

    public IReadOnlyDictionary<string, double[]> Numeric =>
        numericNames.Select((name, i) => (name, values: _numeric[i].ToArray())).ToDictionary(c => c.name, c => c.values);

    public IReadOnlyDictionary<string, string[]> Categorical => new Dictionary<string, string[]> { ["country"] = [.. _countries] };

    public void Add(double[] numeric, string country)
    {
        for (var i = 0; i < numeric.Length; i++)
        {
            _numeric[i].Add(numeric[i]);
        }

        _countries.Add(country);
    }
}
