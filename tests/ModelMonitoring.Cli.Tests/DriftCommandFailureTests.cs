using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ModelMonitoring.Cli.Tests;

/// <summary>Input the statistics refuse or find extreme: exit code 2 naming the column and the reason, never a crash.</summary>
public sealed class DriftCommandFailureTests : IDisposable
{
    private static readonly string[] NumericMethods =
        ["auto", "ks", "mannwhitney", "ttest", "andersondarling", "cramervonmises", "energy", "wasserstein", "psi", "jensenshannon", "kl", "hellinger"];

    private readonly CliRunner _cli = new();

    public DriftCommandFailureTests()
    {
        _cli.Write("one.csv", "x\n5\n");
        _cli.Write("other.csv", "x\n7\n");
        _cli.Write("constant.csv", "x\n3\n3\n3\n3\n");
        _cli.Write("ordinary.csv", Rows("x", Enumerable.Range(1, 10).Select(i => (double)i)));
        _cli.Write("huge.csv", Rows("x", [-1e308, 1e308, double.MaxValue, -double.MaxValue, 0, 1, 2, 3, 1e308, -5e307, 7, 8]));
        _cli.Write("huge2.csv", "a,b\n1e308,-1e308\n-1e308,1e308\n3,4\n5,1\n1e308,2\n-1.7976931348623157E+308,6\n");
        _cli.Write("ordinary2.csv", "a,b\n1,2\n2,3\n3,1\n");
    }

    public static TheoryData<string> Methods() => new(NumericMethods);

    [Theory]
    [InlineData("ttest", "The t-test needs at least 2 values in each sample; the reference sample has 1.")]
    [InlineData("cramervonmises", "The Cramér-von Mises test needs at least 2 values in each sample; the reference sample has 1.")]
    [InlineData("andersondarling", "The Anderson-Darling test needs at least 4 observations in total; got 2.")]
    public async Task Drift_OneRowEach_ExitsTwoNamingColumnAndReason(string method, string reason)
    {
        var result = await _cli.RunAsync("drift", "--reference", "one.csv", "--current", "other.csv", "--method", method);

        result.ExitCode.ShouldBe(2);
        result.Output.ShouldBeEmpty();
        result.Error.ShouldContain($"Column 'x' cannot be compared with '{method}': {reason}");
        NoStackTrace(result);
    }

    [Fact]
    public async Task Drift_ConstantColumnsWithAndersonDarling_ExitsTwoNamingColumnAndReason()
    {
        var result = await _cli.RunAsync("drift", "--reference", "constant.csv", "--current", "constant.csv", "--method", "andersondarling");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("Column 'x' cannot be compared with 'andersondarling': The Anderson-Darling test needs at least two distinct values across both samples.");
        NoStackTrace(result);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Drift_ReferenceNearDoubleMaxValue_ReportsEveryMethod(string method)
    {
        var result = await _cli.RunAsync("drift", "--reference", "huge.csv", "--current", "ordinary.csv", "--method", method);

        result.ExitCode.ShouldBeOneOf(0, 1);
        result.Error.ShouldBeEmpty();
        result.Output.ShouldContain($"x       numeric  {(method == "auto" ? "ks" : method)}");
    }

    [Fact]
    public async Task Drift_ReferenceNearDoubleMaxValueWithWasserstein_DetectsDrift()
    {
        // The normed distance divides by the reference's standard deviation (about 1e308), whose squares overflow.
        var result = await _cli.RunAsync("drift", "--reference", "huge.csv", "--current", "ordinary.csv", "--method", "wasserstein");

        result.ExitCode.ShouldBe(1, result.Error);
        result.Output.ShouldContain("DRIFT");
    }

    [Fact]
    public async Task Drift_MultivariateNearDoubleMaxValue_NeverCrashes()
    {
        var result = await _cli.RunAsync("drift", "--reference", "huge2.csv", "--current", "ordinary2.csv", "--multivariate");

        result.ExitCode.ShouldBeOneOf(0, 1);
        NoStackTrace(result);
        result.Error.ShouldNotContain("Option '--multivariate'");
    }

    [Theory]
    [InlineData("unknown", "unknown")]
    [InlineData("Infinity", "Infinity")]
    [InlineData("1,5", "\"1,5\"")]
    public async Task Drift_MethodOnColumnMadeCategoricalByOneValue_NamesValueAndLine(string value, string field)
    {
        _cli.Write("ref.csv", Amounts(field));
        _cli.Write("cur.csv", Amounts("16"));

        var result = await _cli.RunAsync("drift", "--reference", "ref.csv", "--current", "cur.csv", "--method", "ks");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain($"Method 'ks' does not apply to column 'amount', which is categorical; column 'amount' is treated as categorical because of value '{value}' on line 17 of ref.csv.");
    }

    [Theory]
    [InlineData("unknown", "unknown")]
    [InlineData("Infinity", "Infinity")]
    [InlineData("1,5", "\"1,5\"")]
    public async Task Drift_AutoOnColumnMadeCategoricalByOneValue_NotesValueAndLine(string value, string field)
    {
        _cli.Write("ref.csv", Amounts(field));
        _cli.Write("cur.csv", Amounts("16"));

        var result = await _cli.RunAsync("drift", "--reference", "ref.csv", "--current", "cur.csv", "--format", "json");

        result.ExitCode.ShouldBeOneOf(0, 1);
        using var json = JsonDocument.Parse(result.Output);
        json.RootElement.GetProperty("columns")[0].GetProperty("type").GetString().ShouldBe("categorical");
        result.Error.ShouldContain($"column 'amount' is treated as categorical because of value '{value}' on line 17 of ref.csv");
    }

    [Fact]
    public async Task Drift_CategoricalColumnWithoutNumbers_HasNoNote()
    {
        _cli.Write("colors.csv", "color\nred\nblue\nred\n");

        var result = await _cli.RunAsync("drift", "--reference", "colors.csv", "--current", "colors.csv");

        result.ExitCode.ShouldBe(0);
        result.Error.ShouldBeEmpty();
    }

    public void Dispose() => _cli.Dispose();

    private static void NoStackTrace(CliResult result)
    {
        result.Error.ShouldNotContain("Unhandled exception");
        result.Error.ShouldNotContain("   at ");
    }

    private static string Rows(string header, IEnumerable<double> values) =>
        header + "\n" + string.Concat(values.Select(v => v.ToString("R", CultureInfo.InvariantCulture) + "\n"));

    // An amount column of numbers 1..20 on lines 2..21, with the field on line 17 replaced.
    private static string Amounts(string field)
    {
        var text = new StringBuilder("amount,segment\n");
        for (var i = 1; i <= 20; i++)
        {
            text.Append(i == 16 ? field : i.ToString(CultureInfo.InvariantCulture)).Append(i % 2 == 0 ? ",a\n" : ",b\n");
        }

        return text.ToString();
    }
}
