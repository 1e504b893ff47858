using System.Text.Json;
using ModelMonitoring.Drift;
using ModelMonitoring.Tests.Statistics;

namespace ModelMonitoring.Tests.Drift;

/// <summary>
/// Loads tests/fixtures/drift/multivariate.json and replays its dataset specs. The generator must
/// stay identical to <c>generate</c> in tests/fixtures/generate_multivariate_fixtures.py.
/// </summary>
internal static class MultivariateFixture
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "drift", "multivariate.json"))));

    public static IEnumerable<JsonElement> Cases => Document.Value.RootElement.GetProperty("cases").EnumerateArray();

    public static JsonElement Case(string name) => Cases.Single(c => c.GetProperty("name").GetString() == name);

    public static JsonElement Current(string caseName, string currentName) =>
        Case(caseName).GetProperty("currents").EnumerateArray().Single(c => c.GetProperty("name").GetString() == currentName);

    public static MultivariateDriftOptions Options(JsonElement c)
    {
        var options = c.GetProperty("options");
        return new MultivariateDriftOptions
        {
            ExplainedVariance = options.GetProperty("explained_variance").GetDouble(),
            Components = NullableInt(options.GetProperty("components")),
            ChunkSize = NullableInt(options.GetProperty("chunk_size")),
            Alpha = options.GetProperty("alpha").GetDouble(),
        };
    }

    /// <summary>Columns f0, f1, … of a dataset spec, row by row as the Python generator draws them.</summary>
    public static Dictionary<string, double[]> Generate(JsonElement spec)
    {
        var rows = spec.GetProperty("rows").GetInt32();
        var latent = spec.GetProperty("latent").GetInt32();
        var means = Doubles(spec.GetProperty("means"));
        var scales = Doubles(spec.GetProperty("scales"));
        var mixing = spec.GetProperty("mixing").EnumerateArray().Select(Doubles).ToArray();
        var columns = means.Select(_ => new double[rows]).ToArray();
        var rng = new FixtureSamples.Lcg(spec.GetProperty("seed").GetUInt64());
        var e = new double[latent];
        for (var i = 0; i < rows; i++)
        {
            for (var k = 0; k < latent; k++)
            {
                var sum = 0.0;
                for (var u = 0; u < 12; u++)
                {
                    sum += rng.Uniform();
                }

                e[k] = sum - 6.0;
            }

            for (var j = 0; j < means.Length; j++)
            {
                var s = 0.0;
                for (var k = 0; k < latent; k++)
                {
                    s += mixing[j][k] * e[k];
                }

                columns[j][i] = means[j] + (scales[j] * s);
            }
        }

        return columns.Select((column, j) => (column, j)).ToDictionary(x => $"f{x.j}", x => x.column);
    }

    public static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private static int? NullableInt(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetInt32();
}
