using System.Globalization;
using System.Text;

namespace ModelMonitoring.Cli.Tests;

/// <summary>Builds CSV texts for the tests, deterministically.</summary>
internal static class Csv
{
    /// <summary>A numeric column <c>x</c> (0..n-1 plus <paramref name="shift"/>), a numeric column <c>y</c> and a categorical column <c>color</c>.</summary>
    public static string Mixed(int rows, double shift = 0)
    {
        var text = new StringBuilder("x,y,color\n");
        string[] colors = ["red", "green", "blue"];
        for (var i = 0; i < rows; i++)
        {
            var x = (i + shift).ToString(CultureInfo.InvariantCulture);
            var y = ((i * 7) % rows).ToString(CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"{x},{y},{colors[i % 3]}\n");
        }

        return text.ToString();
    }

    /// <summary>
    /// Standard normal columns <c>a</c>, <c>b</c>, <c>c</c> (seeded): <c>b</c> correlates with
    /// <c>a</c> at 0.9 when <paramref name="correlated"/>, and is independent of it otherwise,
    /// with the same marginal distribution either way.
    /// </summary>
    public static string Normals(int rows, int seed, bool correlated)
    {
        var random = new Random(seed);
        var text = new StringBuilder("a,b,c\n");
        var weight = Math.Sqrt(1 - (0.9 * 0.9));
        for (var i = 0; i < rows; i++)
        {
            var a = Normal(random);
            var partner = correlated ? a : Normal(random);
            var b = (0.9 * partner) + (weight * Normal(random));
            var c = Normal(random);
            text.Append(CultureInfo.InvariantCulture, $"{a:R},{b:R},{c:R}\n");
        }

        return text.ToString();
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
