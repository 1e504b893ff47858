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
}
