namespace ModelMonitoring.Cli.Tests;

/// <summary>The values of <c>--delimiter</c> and <c>--missing-values</c> that the CSV reading receives.</summary>
public sealed class DriftArgumentsTests
{
    [Theory]
    [InlineData(",", ',')]
    [InlineData(";", ';')]
    [InlineData("tab", '\t')]
    [InlineData("\\t", '\t')]
    [InlineData("\t", '\t')]
    public void From_Delimiter_IsTheSeparatorCharacter(string value, char expected)
    {
        var arguments = Parse("--delimiter", value);

        arguments.Delimiter.ShouldBe(expected);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("\"")]
    [InlineData("\n")]
    public void From_BadDelimiter_ThrowsNamingTheOption(string value)
    {
        var e = Should.Throw<UsageException>(() => Parse("--delimiter", value));

        e.Message.ShouldBe($"Bad value '{value}' for '--delimiter': one character other than a quote or a line break, or 'tab'.");
    }

    [Fact]
    public void From_MissingValues_KeepsEmptyTokens()
    {
        var arguments = Parse("--missing-values", "NA, ,NaN,");

        arguments.MissingValues.ShouldBe(["NA", string.Empty, "NaN", string.Empty]);
    }

    [Fact]
    public void From_NeitherOption_LeavesTheReadersDefaults()
    {
        var arguments = Parse();

        arguments.Delimiter.ShouldBeNull();
        arguments.MissingValues.ShouldBeNull();
    }

    private static DriftArguments Parse(params string[] options)
    {
        var drift = new DriftOptions();
        var parse = drift.Command(_ => 0).Parse(["--reference", "r.csv", "--current", "c.csv", .. options]);
        parse.Errors.ShouldBeEmpty();
        return DriftArguments.From(parse, drift);
    }
}
