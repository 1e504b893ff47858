namespace ModelMonitoring.Tests.Drift;

/// <summary>Seeded synthetic columns for drift tests.</summary>
internal static class DriftData
{
    public static double[] Normal(Random random, int count, double mean = 0, double deviation = 1)
    {
        var values = new double[count];
        for (var i = 0; i < count; i += 2)
        {
            // Box-Muller: two independent normals per pair of uniforms.
            var radius = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));
            var angle = 2 * Math.PI * random.NextDouble();
            values[i] = mean + (deviation * radius * Math.Cos(angle));
            if (i + 1 < count)
            {
                values[i + 1] = mean + (deviation * radius * Math.Sin(angle));
            }
        }

        return values;
    }

    public static Dictionary<string, double[]> NormalColumns(Random random, int features, int rows, double shift = 0)
    {
        var columns = new Dictionary<string, double[]>();
        for (var f = 0; f < features; f++)
        {
            columns[$"f{f}"] = Normal(random, rows, f + shift, 1);
        }

        return columns;
    }

    public static string[] Labels(Random random, int count, params string[] categories)
    {
        var labels = new string[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = categories[random.Next(categories.Length)];
        }

        return labels;
    }
}
