using ModelMonitoring.Recording;

namespace ModelMonitoring.Tests.Recording;

public class ClassLabelTableTests
{
    [Fact]
    public void CodeOf_SameLabelTwice_SameCodeThatMapsBack()
    {
        var table = new ClassLabelTable();

        var first = table.CodeOf("fraud");
        var second = table.CodeOf("fraud");

        first.ShouldBeInRange(1, ClassLabelTable.Size);
        second.ShouldBe(first);
        table[first].ShouldBe("fraud");
        table[0].ShouldBeNull();
    }

    [Fact]
    public void CodeOf_EqualLabelInAnotherInstance_SharesTheCode()
    {
        var table = new ClassLabelTable();
        var code = table.CodeOf("legit");

        table.CodeOf(new string("legit".AsSpan())).ShouldBe(code);
    }

    [Fact]
    public void CodeOf_EmptyOrCollidingLabels_AreCodedOnlyWhenTheirCellIsTheirs()
    {
        var table = new ClassLabelTable();
        var labels = Enumerable.Range(0, 500).Select(i => $"class_{i}").Append(string.Empty).ToArray();

        var codes = labels.Select(table.CodeOf).ToArray();

        codes[^1].ShouldBe(0);
        codes.Count(c => c != 0).ShouldBeLessThanOrEqualTo(ClassLabelTable.Size);
        for (var i = 0; i < labels.Length; i++)
        {
            if (codes[i] != 0)
            {
                table[codes[i]].ShouldBe(labels[i]);
            }
        }

        labels.Select(table.CodeOf).ShouldBe(codes);
    }
}
