using System.Globalization;
using System.Text;
using ModelMonitoring.Drift;

namespace ModelMonitoring.Cli.Tests;

/// <summary>The CLI's method names come from the library's drift method catalog, not a list of its own.</summary>
public sealed class MethodCatalogTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public static TheoryData<string, string> CatalogMethods()
    {
        var data = new TheoryData<string, string>();
        foreach (var method in new DatasetDriftOptions().Catalog)
        {
            data.Add(method.Name, method.Kinds.Contains(FeatureKind.Numeric) ? "x" : "flag");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CatalogMethods))]
    public async Task Drift_EveryMethodInTheLibrarysCatalog_IsAcceptedByMethod_AndReported(string method, string column)
    {
        // Arrange
        _cli.Write("r.csv", Table(rows: 60, shift: 0));
        _cli.Write("c.csv", Table(rows: 40, shift: 0.2));

        // Act
        var result = await _cli.RunAsync("drift", "--reference", "r.csv", "--current", "c.csv", "--columns", column, "--method", method, "--format", "json");

        // Assert
        result.Error.ShouldBeEmpty();
        result.ExitCode.ShouldBeOneOf(0, 1);
        result.Output.ShouldContain($"\"method\": \"{method}\"");
    }

    public void Dispose() => _cli.Dispose();

    private static string Table(int rows, double shift)
    {
        var text = new StringBuilder("x,flag\n");
        for (var i = 0; i < rows; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{(i % 10) + shift},{(i % 3 == 0 ? "yes" : "no")}\n");
        }

        return text.ToString();
    }
}
