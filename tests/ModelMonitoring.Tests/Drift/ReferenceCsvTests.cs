using System.Text;
using ModelMonitoring.Drift;

namespace ModelMonitoring.Tests.Drift;

public sealed class ReferenceCsvTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "modelmonitoring-csv-" + Guid.NewGuid().ToString("N"));

    public ReferenceCsvTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public void FromCsv_InfersNumericAndCategoricalColumns()
    {
        var path = Write("train.csv", "age,city,score\n31,Paris,0.5\n45,\"New York, NY\",1e-3\n27,\"say \"\"hi\"\"\",-2.25\n");

        var profile = ReferenceProfile.FromCsv(path);

        profile.RowCount.ShouldBe(3);
        profile.NumericFeatures.Select(f => f.Name).ShouldBe(["age", "score"]);
        profile.CategoricalFeatures.Single().Categories.ShouldBe(["Paris", "New York, NY", "say \"hi\""]);
        profile.NumericFeatures[1].Sample.Values.ToArray().ShouldBe([-2.25, 0.001, 0.5]);
    }

    [Fact]
    public void FromCsv_MatchesProfileBuiltFromColumns()
    {
        var path = Write("train.csv", "x,y\n1.5,a\n2,b\n4.25,a\n-1,c\n");

        var fromCsv = ReferenceProfile.FromCsv(path);
        var direct = ReferenceProfile.Create(
            new Dictionary<string, double[]> { ["x"] = [1.5, 2, 4.25, -1] },
            new Dictionary<string, string[]> { ["y"] = ["a", "b", "a", "c"] });

        var x = fromCsv.NumericFeatures.Single();
        var expected = direct.NumericFeatures.Single();
        (x.Mean, x.StandardDeviation, x.Median, x.Skewness).ShouldBe((expected.Mean, expected.StandardDeviation, expected.Median, expected.Skewness));
        fromCsv.CategoricalFeatures.Single().Counts.ToArray().ShouldBe(direct.CategoricalFeatures.Single().Counts.ToArray());
    }

    [Fact]
    public void FromCsv_EmptyValues_AreMissingAndLeftOut()
    {
        var path = Write("train.csv", "x,colour\n1,red\n,blue\n3,\n\"\",red\n5,red\n");

        var profile = ReferenceProfile.FromCsv(path);

        profile.RowCount.ShouldBe(5);
        var x = profile.NumericFeatures.Single();
        x.Count.ShouldBe(3);
        x.Mean.ShouldBe(3);
        var colour = profile.CategoricalFeatures.Single();
        colour.Count.ShouldBe(4);
        colour.Categories.ShouldBe(["red", "blue"]);
    }

    [Fact]
    public void FromCsv_NumericColumnWithBadNumber_ThrowsNamingFileLineAndColumn()
    {
        // The quoted field spans two lines, so the bad value's record starts on line 5.
        var path = Write("train.csv", "x,note\n1,a\n2,\"two\nlines\"\n1O,c\n");
        var options = new ReferenceCsvOptions { Numeric = { "x" } };

        var ex = Should.Throw<InvalidDataException>(() => ReferenceProfile.FromCsv(path, options));

        ex.Message.ShouldBe("train.csv line 5: column 'x' must be numeric but has the value '1O'.");
    }

    [Fact]
    public void FromCsv_NonFiniteOrLocalisedNumbers_AreNotNumbers()
    {
        var path = Write("train.csv", "a,b,c\n1,\"1,5\",Infinity\n2,2,3\n");

        var profile = ReferenceProfile.FromCsv(path);

        profile.NumericFeatures.Select(f => f.Name).ShouldBe(["a"]);
        profile.CategoricalFeatures.Select(f => f.Name).ShouldBe(["b", "c"]);
        Should.Throw<InvalidDataException>(() => ReferenceProfile.FromCsv(path, new ReferenceCsvOptions { Numeric = { "c" } }))
            .Message.ShouldBe("train.csv line 2: column 'c' must be numeric but has the value 'Infinity'.");
    }

    [Fact]
    public void FromCsv_CategoricalOption_KeepsNumbersAsCategories()
    {
        var path = Write("train.csv", "zip,n\n75001,1\n10001,2\n75001,3\n");

        var profile = ReferenceProfile.FromCsv(path, new ReferenceCsvOptions { Categorical = { "zip" } });

        profile.CategoricalFeatures.Single().Categories.ShouldBe(["75001", "10001"]);
        profile.NumericFeatures.Single().Name.ShouldBe("n");
    }

    [Fact]
    public void FromCsv_ColumnsOption_SelectsInThatOrder()
    {
        var path = Write("train.csv", "a,b,c,d\n1,2,x,4\n5,6,y,8\n");

        var profile = ReferenceProfile.FromCsv(path, new ReferenceCsvOptions { Columns = { "d", "c", "a" } });

        profile.NumericFeatures.Select(f => f.Name).ShouldBe(["d", "a"]);
        profile.CategoricalFeatures.Select(f => f.Name).ShouldBe(["c"]);
    }

    [Fact]
    public void FromCsv_UnnamedColumns_AreLeftOut()
    {
        // pandas' to_csv writes its index under an empty name; a trailing comma adds another.
        var path = Write("train.csv", ",x,\n0,1.5,\n1,2.5,\n");

        var profile = ReferenceProfile.FromCsv(path);

        profile.NumericFeatures.Select(f => f.Name).ShouldBe(["x"]);
        profile.CategoricalFeatures.ShouldBeEmpty();
    }

    [Fact]
    public void FromCsv_InvalidOptions_ListEveryProblem()
    {
        var path = Write("train.csv", "a,b\n1,2\n");
        var options = new ReferenceCsvOptions { Columns = { "a", "a", "z" }, Numeric = { "b", "y" }, Categorical = { "b" } };

        var ex = Should.Throw<ArgumentException>(() => ReferenceProfile.FromCsv(path, options));

        ex.ParamName.ShouldBe("options");
        ex.Message.ShouldContain("train.csv has no column 'z' (listed in Columns).");
        ex.Message.ShouldContain("train.csv has no column 'y' (listed in Numeric).");
        ex.Message.ShouldContain("Column 'a' is listed twice in Columns.");
        ex.Message.ShouldContain("Column 'b' is listed both in Numeric and in Categorical.");
    }

    [Theory]
    [InlineData("", "train.csv is empty.")]
    [InlineData("\n\n", "train.csv is empty.")]
    [InlineData("a,b\n", "train.csv has a header but no data rows.")]
    [InlineData("a,b\n1,2\n3\n", "train.csv line 3: expected 2 fields, found 1.")]
    [InlineData("a,a\n1,2\n", "train.csv line 1: column 'a' appears twice in the header.")]
    [InlineData("a,b\n1,\n2,\n", "train.csv: column 'b' has no values.")]
    public void FromCsv_BadFile_ThrowsNamingFileAndLine(string content, string message)
    {
        var path = Write("train.csv", content);

        Should.Throw<InvalidDataException>(() => ReferenceProfile.FromCsv(path)).Message.ShouldBe(message);
    }

    [Theory]
    [InlineData("a,b\n1,2\n\"3,4\n", "train.csv line 3: ")]
    [InlineData("a,b\n1,\"x\"y\n", "train.csv line 2: ")]
    [InlineData("a,b\n1,\"two\nlines\"\n2,\"x\"y\n", "train.csv line 4: ")]
    public void FromCsv_BadQuoting_ThrowsNamingFileAndLine(string content, string start)
    {
        var path = Write("train.csv", content);

        Should.Throw<InvalidDataException>(() => ReferenceProfile.FromCsv(path)).Message.ShouldStartWith(start);
    }

    [Theory]
    [InlineData("NA")]
    [InlineData("N/A")]
    [InlineData("NaN")]
    [InlineData("null")]
    [InlineData(" NA ")]
    public void FromCsv_DefaultMissingToken_IsMissingAndKeepsTheColumnNumeric(string token)
    {
        var path = Write("train.csv", $"x\n1\n{token}\n3\n");

        var profile = ReferenceProfile.FromCsv(path);

        profile.RowCount.ShouldBe(3);
        var x = profile.NumericFeatures.Single();
        x.Count.ShouldBe(2);
        x.Mean.ShouldBe(2);
    }

    [Fact]
    public void FromCsv_ConfiguredMissingValues_ReplaceTheDefaults()
    {
        var path = Write("train.csv", "x,y\n1,1\n-999,NA\n3,3\n");
        var options = new ReferenceCsvOptions();
        options.MissingValues.Clear();
        options.MissingValues.Add("-999");

        var profile = ReferenceProfile.FromCsv(path, options);

        profile.NumericFeatures.Single().Count.ShouldBe(2);
        profile.CategoricalFeatures.Single().Categories.ShouldBe(["1", "NA", "3"]);
    }

    [Fact]
    public void FromCsv_MissingTokenInNumericColumn_IsNotAnError()
    {
        var path = Write("train.csv", "x\n1\nNA\n3\n");

        var profile = ReferenceProfile.FromCsv(path, new ReferenceCsvOptions { Numeric = { "x" } });

        profile.NumericFeatures.Single().Count.ShouldBe(2);
    }

    [Fact]
    public void FromCsv_Delimiter_SplitsOnIt()
    {
        var path = Write("train.csv", "x;label\n1.5;a,b\n2.5;\"c;d\"\n");

        var profile = ReferenceProfile.FromCsv(path, new ReferenceCsvOptions { Delimiter = ';' });

        profile.NumericFeatures.Single().Mean.ShouldBe(2);
        profile.CategoricalFeatures.Single().Categories.ShouldBe(["a,b", "c;d"]);
    }

    [Fact]
    public void FromCsv_ColumnOfZerosAndOnes_IsCategoricalUnlessListedNumeric()
    {
        var path = Write("train.csv", "flag,x\n0,0\n1,2\n1.0,1\n,0\n");

        var inferred = ReferenceProfile.FromCsv(path);
        var declared = ReferenceProfile.FromCsv(path, new ReferenceCsvOptions { Numeric = { "flag" } });

        var flag = inferred.CategoricalFeatures.Single();
        flag.Name.ShouldBe("flag");
        flag.Categories.ShouldBe(["0", "1"]);
        flag.Counts.ToArray().ShouldBe([1L, 2L]);
        inferred.NumericFeatures.Single().Name.ShouldBe("x");
        declared.NumericFeatures.Select(f => f.Name).ShouldBe(["flag", "x"]);
    }

    [Fact]
    public void FromCsv_LargeFile_ReadsEveryRow()
    {
        var text = new StringBuilder("i,half\n");
        for (var i = 0; i < 5000; i++)
        {
            text.Append(i).Append(',').Append(i % 2 == 0 ? "NA" : "0.5").Append('\n');
        }

        using var stream = new NonSeekableStream(Encoding.UTF8.GetBytes(text.ToString()));

        var profile = ReferenceProfile.FromCsv(stream, "big");

        profile.RowCount.ShouldBe(5000);
        profile.NumericFeatures.Single(f => f.Name == "i").Max.ShouldBe(4999);
        profile.NumericFeatures.Single(f => f.Name == "half").Count.ShouldBe(2500);
    }

    [Fact]
    public void FromCsv_MissingFile_ThrowsFileNotFound() =>
        Should.Throw<FileNotFoundException>(() => ReferenceProfile.FromCsv(Path.Combine(_directory, "missing.csv")));

    [Fact]
    public void FromCsv_Stream_UsesSourceNameAndLeavesStreamOpen()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("x,y\r\n1,é\r\n2,ü\r\n")).ToArray());

        var profile = ReferenceProfile.FromCsv(stream, "upload");

        profile.NumericFeatures.Single().Name.ShouldBe("x");
        profile.CategoricalFeatures.Single().Categories.ShouldBe(["é", "ü"]);
        stream.CanRead.ShouldBeTrue();
        using var bad = new MemoryStream(Encoding.UTF8.GetBytes("x\n1\nabc\n"));
        Should.Throw<InvalidDataException>(() => ReferenceProfile.FromCsv(bad, "upload", new ReferenceCsvOptions { Numeric = { "x" } }))
            .Message.ShouldStartWith("upload line 3: column 'x'");
    }

    [Fact]
    public void FromCsv_NullOrEmptyArguments_Throw()
    {
        Should.Throw<ArgumentException>(() => ReferenceProfile.FromCsv(string.Empty));
        Should.Throw<ArgumentNullException>(() => ReferenceProfile.FromCsv((Stream)null!, "s"));
        Should.Throw<ArgumentException>(() => ReferenceProfile.FromCsv(new MemoryStream(), string.Empty));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    // A stream that cannot seek: the reader cannot count its lines first and grows its columns.
    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
