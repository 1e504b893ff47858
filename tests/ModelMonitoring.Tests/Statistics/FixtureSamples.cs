using System.Text.Json;

namespace ModelMonitoring.Tests.Statistics;

/// <summary>
/// Loads the SciPy fixtures and replays their sample specs. The generator must stay identical to
/// <c>Lcg</c> and <c>generate</c> in tests/fixtures/generate_statistics_fixtures.py.
/// </summary>
internal static class FixtureSamples
{
    private static readonly Dictionary<string, JsonDocument> Documents = [];

    public static JsonElement Load(string file)
    {
        lock (Documents)
        {
            if (!Documents.TryGetValue(file, out var document))
            {
                var path = Path.Combine(AppContext.BaseDirectory, "fixtures", "statistics", file);
                document = JsonDocument.Parse(File.ReadAllText(path));
                Documents[file] = document;
            }

            return document.RootElement;
        }
    }

    public static JsonElement Case(string file, string name) =>
        Load(file).GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    public static double[] Generate(JsonElement spec)
    {
        var kind = spec.GetProperty("kind").GetString();
        if (kind == "values")
        {
            return spec.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        }

        var rng = new Lcg(spec.GetProperty("seed").GetUInt64());
        var values = new double[spec.GetProperty("n").GetInt32()];
        var loc = spec.GetProperty("loc").GetDouble();
        for (var i = 0; i < values.Length; i++)
        {
            if (kind == "normal")
            {
                var sum = 0.0;
                for (var k = 0; k < 12; k++)
                {
                    sum += rng.Uniform();
                }

                values[i] = loc + (spec.GetProperty("scale").GetDouble() * (sum - 6.0));
            }
            else if (kind == "uniform")
            {
                values[i] = loc + rng.Uniform();
            }
            else
            {
                values[i] = loc + Math.Floor(rng.Uniform() * spec.GetProperty("levels").GetInt32());
            }
        }

        return values;
    }

    /// <summary>Reads a number that the fixture may spell "NaN", "Infinity" or "-Infinity".</summary>
    public static double Number(JsonElement element) => element.ValueKind == JsonValueKind.String
        ? double.Parse(element.GetString()!, System.Globalization.CultureInfo.InvariantCulture)
        : element.GetDouble();

    /// <summary>x ← 6364136223846793005·x + 1442695040888963407 (mod 2^64); u = (x ≫ 11)·2^−53.</summary>
    public sealed class Lcg(ulong seed)
    {
        private ulong _state = seed;

        public double Uniform()
        {
            _state = unchecked((_state * 6364136223846793005UL) + 1442695040888963407UL);
            return (_state >> 11) * (1.0 / 9007199254740992.0);
        }
    }
}
