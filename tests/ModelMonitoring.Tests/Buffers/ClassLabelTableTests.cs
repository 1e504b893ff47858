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

        table.Find(fraud).ShouldBe((byte)0);
        table.Add(fraud).ShouldBe((byte)1);
        table.Add(legit).ShouldBe((byte)2);

        table.Find(fraud).ShouldBe((byte)1);
        table.Find(legit).ShouldBe((byte)2);
        table.Find(new string("fraud".AsSpan())).ShouldBe((byte)0);
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
        table.Find("one too many").ShouldBe((byte)0);
        labels.Select(table.Find).ShouldBe(Enumerable.Range(1, ClassLabelTable.Capacity).Select(i => (byte)i));
        Enumerable.Range(1, ClassLabelTable.Capacity).Select(i => table.LabelOf((byte)i)).ShouldBe(labels);
    }
}
