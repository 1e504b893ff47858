using System.Text.Json;

namespace ModelMonitoring.Cli.Tests;

public sealed class DriftCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public DriftCommandTests()
    {
        _cli.Write("r.csv", Csv.Mixed(60));
        _cli.Write("same.csv", Csv.Mixed(60));
        _cli.Write("shifted.csv", Csv.Mixed(60, shift: 100));
    }

    [Fact]
    public async Task Drift_SameData_ExitsZeroWithJsonForEveryColumn()
    {
        var result = await _cli.RunAsync("drift", "--reference", "r.csv", "--current", "same.csv", "--format", "json");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Error.ShouldBeEmpty();
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        root.EnumerateObject().Select(p => p.Name).ShouldBe(["drift_detected", "drifted_share", "drift_share_threshold", "drifted_columns", "rows", "columns"]);
        root.GetProperty("drift_detected").GetBoolean().ShouldBeFalse();
        root.GetProperty("drifted_share").GetDouble().ShouldBe(0);
        var columns = root.GetProperty("columns").EnumerateArray().ToArray();
        columns.Select(c => c.GetProperty("name").GetString()).ShouldBe(["x", "y", "color"]);
        columns.Select(c => c.GetProperty("type").GetString()).ShouldBe(["numeric", "numeric", "categorical"]);
        columns.Select(c => c.GetProperty("method").GetString()).ShouldBe(["ks", "ks", "chisquare"]);
        foreach (var column in columns)
        {
            column.EnumerateObject().Select(p => p.Name).ShouldBe(["name", "type", "method", "method_description", "statistic", "p_value", "threshold", "drift_detected", "reference", "current", "shift"]);
            column.GetProperty("statistic").GetDouble().ShouldBe(0, 1e-12);
            column.GetProperty("p_value").GetDouble().ShouldBe(1, 1e-9);
            column.GetProperty("threshold").GetDouble().ShouldBe(0.05);
            column.GetProperty("drift_detected").GetBoolean().ShouldBeFalse();
        }
    }

    [Fact]
    public async Task Drift_ShiftedColumn_ExitsOneAndMarksThatColumn()
    {
        var result = await _cli.RunAsync("drift", "--reference", "r.csv", "--current", "shifted.csv", "--columns", "x,y", "--format", "json");

        result.ExitCode.ShouldBe(1, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        json.RootElement.GetProperty("drift_detected").GetBoolean().ShouldBeTrue();
        json.RootElement.GetProperty("drifted_share").GetDouble().ShouldBe(0.5);
        var columns = json.RootElement.GetProperty("columns").EnumerateArray().ToArray();
        columns.Select(c => c.GetProperty("name").GetString()).ShouldBe(["x", "y"]);
        columns[0].GetProperty("drift_detected").GetBoolean().ShouldBeTrue();
        columns[0].GetProperty("p_value").GetDouble().ShouldBeLessThan(0.05);
        columns[1].GetProperty("drift_detected").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Drift_OneOfThreeColumnsShifted_ExitsZeroBelowTheDriftShare()
    {
        var result = await _cli.RunAsync("drift", "--reference", "r.csv", "--current", "shifted.csv");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Output.ShouldContain("No drift: 1 of 3 columns drifted (33.3 %), below the threshold of 50.0 %.");
    }

    [Fact]
    public async Task Drift_TextFormat_PrintsAlignedTableAndVerdict()
    {
        var result = await _cli.RunAsync("drift", "--reference", "r.csv", "--current", "shifted.csv", "--columns", "x,color");

        result.ExitCode.ShouldBe(1, result.Error);
        var lines = result.Output.Split('\n', StringSplitOptions.TrimEntries);
        lines[0].ShouldBe("Rows: 60 in r.csv (reference), 60 in shifted.csv (current).");
        lines[2].ShouldBe("column  type         method     statistic   p-value  threshold  drift  shift");
        lines[3].ShouldBe("x       numeric      ks                 1  2.07E-35       0.05  DRIFT  mean up");
        lines[4].ShouldBe("color   categorical  chisquare          0         1       0.05  ok     shares unchanged");
        result.Output.ShouldContain("Drift detected: 1 of 2 columns drifted (50.0 %), at or above the threshold of 50.0 %.");
    }

    [Fact]
    public async Task Drift_NonNumericValue_InfersCategorical()
    {
        _cli.Write("codes-r.csv", "code,n\n1,1\n2,2\nA7,3\n1,4\n2,5\n");
        _cli.Write("codes-c.csv", "code,n\n1,1\n2,2\nA7,3\n2,4\n1,5\n");

        var result = await _cli.RunAsync("drift", "--reference", "codes-r.csv", "--current", "codes-c.csv", "--format", "json");

        result.ExitCode.ShouldBe(0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        var columns = json.RootElement.GetProperty("columns").EnumerateArray().ToArray();
        columns.Select(c => c.GetProperty("type").GetString()).ShouldBe(["categorical", "numeric"]);
    }

    [Fact]
    public async Task Drift_CategoricalOption_OverridesNumericInference()
    {
        var result = await _cli.RunAsync("drift", "--reference", "r.csv", "--current", "same.csv", "--columns", "x,y", "--categorical", "y", "--format", "json");

        result.ExitCode.ShouldBe(0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        var columns = json.RootElement.GetProperty("columns").EnumerateArray().ToArray();
        columns.Select(c => c.GetProperty("type").GetString()).ShouldBe(["numeric", "categorical"]);
        columns[1].GetProperty("method").GetString().ShouldBe("chisquare");
    }

    [Fact]
    public async Task Drift_MethodKs_AppliesToEveryColumn()
    {
        var result = await _cli.RunAsync("drift", "--reference", "r.csv", "--current", "shifted.csv", "--columns", "x,y", "--method", "ks", "--format", "json");

        result.ExitCode.ShouldBe(1, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        json.RootElement.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("method").GetString()).ShouldBe(["ks", "ks"]);
    }

    [Fact]
    public async Task Drift_DistanceWithThreshold_ReportsNullPValueAndTheThreshold()
    {
        var result = await _cli.RunAsync("drift", "--reference", "r.csv", "--current", "same.csv", "--method", "psi", "--threshold", "0.2", "--format", "json");

        result.ExitCode.ShouldBe(0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        foreach (var column in json.RootElement.GetProperty("columns").EnumerateArray())
        {
            column.GetProperty("method").GetString().ShouldBe("psi");
            column.GetProperty("p_value").ValueKind.ShouldBe(JsonValueKind.Null);
            column.GetProperty("threshold").GetDouble().ShouldBe(0.2);
        }
    }

    [Fact]
    public async Task Drift_QuotedFields_KeepCommasAndQuotes()
    {
        _cli.Write("q-r.csv", "city,n\n\"New York, NY\",1\n\"say \"\"hi\"\"\",2\n\"New York, NY\",3\n");
        _cli.Write("q-c.csv", "\"city\",n\n\"say \"\"hi\"\"\",2\n\"New York, NY\",1\n\"New York, NY\",3\n");

        var result = await _cli.RunAsync("drift", "--reference", "q-r.csv", "--current", "q-c.csv", "--columns", "city", "--format", "json");

        result.ExitCode.ShouldBe(0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        var column = json.RootElement.GetProperty("columns")[0];
        column.GetProperty("type").GetString().ShouldBe("categorical");
        column.GetProperty("statistic").GetDouble().ShouldBe(0, 1e-12);
    }

    public void Dispose() => _cli.Dispose();
}
