using ModelMonitoring.Buffers;

namespace ModelMonitoring.Tests.Buffers;

public class ClassLabelTableTests
{
    [Fact]
    public void Find_OnlyTheAddedInstance_GetsItsCode()
    {
        var table = new ClassLabelTable();
        var fraud = "fraud";
        var legit = "legit";

        CodeOf(table, fraud).ShouldBeNull();
        table.Add(fraud).ShouldBe((byte)1);
        table.Add(legit).ShouldBe((byte)2);

        CodeOf(table, fraud).ShouldBe(1);
        CodeOf(table, legit).ShouldBe(2);
        CodeOf(table, new string("fraud".AsSpan())).ShouldBeNull();
        table.LabelOf(1).ShouldBeSameAs(fraud);
        table.LabelOf(2).ShouldBeSameAs(legit);
    }

    [Fact]
    public void Add_WhenFull_ReturnsZeroAndKeepsEveryCode()
    {
        var table = new ClassLabelTable();
        var labels = Enumerable.Range(0, ClassLabelTable.Capacity).Select(i => $"class {i}").ToArray();
        foreach (var label in labels)
        {
            table.Add(label);
        }

        table.Add("one too many").ShouldBe((byte)0);
        CodeOf(table, "one too many").ShouldBeNull();
        labels.Select(label => CodeOf(table, label)).ShouldBe(Enumerable.Range(1, ClassLabelTable.Capacity).Select(i => (int?)i));
        Enumerable.Range(1, ClassLabelTable.Capacity).Select(i => table.LabelOf((byte)i)).ShouldBe(labels);
    }

    private static int? CodeOf(ClassLabelTable table, string label) => table.TryFind(label, out var code) ? code : null;
}
