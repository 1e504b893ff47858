using System.Text.Json;

namespace ModelMonitoring.Cli.Tests;

public sealed class MultivariateCommandTests : IDisposable
{
    private static readonly string[] MultivariateMembers =
    [
        "drift_detected", "columns", "components", "reconstruction_error", "lower_bound", "upper_bound",
        "chunk_size", "chunks", "reconstruction_drift_detected",
    ];

    private readonly CliRunner _cli = new();

    public MultivariateCommandTests()
    {
        _cli.Write("r.csv", Csv.Normals(2000, seed: 1, correlated: true));
        _cli.Write("same.csv", Csv.Normals(500, seed: 2, correlated: true));
        _cli.Write("decorrelated.csv", Csv.Normals(500, seed: 3, correlated: false));
    }

    [Fact]
    public async Task Drift_Multivariate_CatchesACorrelationChangeTheColumnsMiss()
    {
        var result = await _cli.RunAsync("drift", "--reference", "r.csv", "--current", "decorrelated.csv", "--multivariate", "--format", "json");

        result.ExitCode.ShouldBe(1, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        root.EnumerateObject().Select(p => p.Name).ShouldBe(["drift_detected", "drifted_share", "drift_share_threshold", "drifted_columns", "rows", "columns", "multivariate"]);
        root.GetProperty("drift_detected").GetBoolean().ShouldBeTrue();
        root.GetProperty("drifted_share").GetDouble().ShouldBe(0);
        var multivariate = root.GetProperty("multivariate");
        multivariate.EnumerateObject().Select(p => p.Name).ShouldBe(MultivariateMembers);
        multivariate.GetProperty("drift_detected").GetBoolean().ShouldBeTrue();
        multivariate.GetProperty("reconstruction_drift_detected").GetBoolean().ShouldBeTrue();
        multivariate.GetProperty("reconstruction_error").GetDouble().ShouldBeGreaterThan(multivariate.GetProperty("upper_bound").GetDouble());
        multivariate.GetProperty("columns").EnumerateArray().Select(c => c.GetString()).ShouldBe(["a", "b", "c"]);

        // Chunks the size of the current file (500) would leave only four of the 2,000 rows; a tenth keeps ten.
        multivariate.GetProperty("chunk_size").GetInt32().ShouldBe(200);
        multivariate.GetProperty("chunks").GetInt32().ShouldBe(10);
        var component = multivariate.GetProperty("components")[0];
        component.EnumerateObject().Select(p => p.Name).ShouldBe(["index", "explained_variance_ratio", "statistic", "p_value", "threshold", "drift_detected"]);
        component.GetProperty("index").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Drift_WithoutMultivariate_SameFilesShowNoDriftAndNoMultivariateMember()
    {
        var result = await _cli.RunAsync("drift", "--reference", "r.csv", "--current", "decorrelated.csv", "--format", "json");

        result.ExitCode.ShouldBe(0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        json.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(["drift_detected", "drifted_share", "drift_share_threshold", "drifted_columns", "rows", "columns"]);
    }

    [Fact]
    public async Task Drift_MultivariateText_PrintsComponentsErrorAndBothVerdicts()
    {
        var result = await _cli.RunAsync("drift", "--reference", "r.csv", "--current", "decorrelated.csv", "--multivariate");

        result.ExitCode.ShouldBe(1, result.Error);
        var lines = result.Output.Split('\n', StringSplitOptions.TrimEntries);
        lines.ShouldContain(l => l.StartsWith("Multivariate: principal components of a, b, c (standardised);", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("component  explained  statistic", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("pc1 ", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("reconstruction error ", StringComparison.Ordinal) && l.Contains("(10 reference chunks of 200 rows): DRIFT", StringComparison.Ordinal));
        lines.ShouldContain("No drift: 0 of 3 columns drifted (0.0 %), below the threshold of 50.0 %.");
        lines.ShouldContain(l => l.StartsWith("Multivariate drift detected: ", StringComparison.Ordinal) && l.EndsWith("the reconstruction error is outside its expected range.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Drift_MultivariateSameDistribution_ExitsZero()
    {
        var result = await _cli.RunAsync("drift", "--reference", "r.csv", "--current", "same.csv", "--multivariate");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Output.ShouldContain("No multivariate drift: 0 of ");
        result.Output.ShouldContain("the reconstruction error is within its expected range.");
    }

    [Fact]
    public async Task Drift_MultivariateSmallCurrentFile_UsesChunksOfItsSize()
    {
        _cli.Write("small.csv", Csv.Normals(50, seed: 4, correlated: true));

        var result = await _cli.RunAsync("drift", "--reference", "r.csv", "--current", "small.csv", "--multivariate", "--format", "json");

        result.Error.ShouldBeEmpty();
        using var json = JsonDocument.Parse(result.Output);
        json.RootElement.GetProperty("multivariate").GetProperty("chunk_size").GetInt32().ShouldBe(50);
        json.RootElement.GetProperty("multivariate").GetProperty("chunks").GetInt32().ShouldBe(40);
    }

    [Theory]
    [InlineData("r.csv", "Unrecognized command or argument 'yes'.", "--multivariate=yes")]
    [InlineData("r.csv", "Option '--multivariate' needs at least two numeric columns; 1 selected.", "--multivariate", "--columns", "a")]
    [InlineData("mixed.csv", "Option '--multivariate' needs at least two numeric columns; 1 selected.", "--multivariate")]
    [InlineData("gap.csv", "gap.csv line 4: column 'b' has a missing value; '--multivariate' needs a value in every row of the numeric columns.", "--multivariate")]
    [InlineData("constant.csv", "Option '--multivariate': Feature 'c' is constant in the reference (7)", "--multivariate")]
    [InlineData("few.csv", "Option '--multivariate': PCA on 3 features needs at least 4 reference rows; there are 3.", "--multivariate")]
    public async Task Drift_MultivariateBadInput_ExitsTwoNamingTheProblem(string reference, string message, params string[] options)
    {
        _cli.Write("mixed.csv", "a,b,c\n1,x,p\n2,y,q\n3,z,r\n");
        _cli.Write("gap.csv", "a,b,c\n1,2,3\n2,1,4\n3,,5\n4,3,1\n5,4,2\n");
        _cli.Write("constant.csv", "a,b,c\n1,2,7\n2,1,7\n3,5,7\n4,3,7\n5,4,7\n");
        _cli.Write("few.csv", "a,b,c\n1,2,3\n2,1,4\n3,3,5\n");

        var result = await _cli.RunAsync(["drift", "--reference", reference, "--current", reference, .. options]);

        result.ExitCode.ShouldBe(2, result.Output);
        result.Output.ShouldBeEmpty();
        result.Error.ShouldContain(message);
    }

    public void Dispose() => _cli.Dispose();
}
