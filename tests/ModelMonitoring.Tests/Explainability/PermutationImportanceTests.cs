using ModelMonitoring.Explainability;
using static ModelMonitoring.Tests.Explainability.ExplainerTestModels;

namespace ModelMonitoring.Tests.Explainability;

public class PermutationImportanceTests
{
    [Fact]
    public void Compute_FeatureTheModelIgnores_HasZeroImportance_UsedFeaturesPositive()
    {
        var rows = Rows(200, 3, seed: 1);
        var model = Linear([3.0, 0.0, 1.0], 0.5);
        var labels = new double[200];
        model(rows, labels);

        var result = PermutationImportance.Compute(model, rows, 3, labels, PermutationScorers.R2, repeats: 4, seed: 3);

        result.BaselineScore.ShouldBe(1.0);
        result.ImportancesMean[1].ShouldBe(0.0);
        result.ImportancesMean[0].ShouldBeGreaterThan(result.ImportancesMean[2]);
        result.ImportancesMean[2].ShouldBeGreaterThan(0.0);
        result.Repeats.ShouldBe(4);
        result.GetImportances(0).Length.ShouldBe(4);
    }

    [Fact]
    public void SeededPermutationSource_SameSeedSameOrders_AndEachIsAPermutation()
    {
        var a = new int[50];
        var b = new int[50];
        var c = new int[50];

        new SeededPermutationSource(9).GetOrder(2, 1, a);
        new SeededPermutationSource(9).GetOrder(2, 1, b);
        new SeededPermutationSource(9).GetOrder(2, 2, c);

        b.ShouldBe(a);
        c.ShouldNotBe(a);
        a.Order().ShouldBe(Enumerable.Range(0, 50));
    }

    [Fact]
    public void Compute_SourceGivesAnOrderThatIsNotAPermutation_Throws()
    {
        var rows = Rows(4, 2, seed: 1);

        var error = Should.Throw<InvalidOperationException>(() => PermutationImportance.Compute(
            Linear([1.0, 1.0], 0), rows, 2, new double[4], PermutationScorers.NegativeMeanSquaredError, 1, new Repeating()));

        error.Message.ShouldContain("feature 0, repeat 0");
    }

    [Fact]
    public void Compute_LabelsNotOnePerRowOrRepeatsOutOfRange_Throws()
    {
        var rows = Rows(4, 2, seed: 1);

        Should.Throw<ArgumentException>(() => PermutationImportance.Compute(Linear([1.0, 1.0], 0), rows, 2, new double[3], PermutationScorers.R2, 1, 0)).ParamName.ShouldBe("labels");
        Should.Throw<ArgumentOutOfRangeException>(() => PermutationImportance.Compute(Linear([1.0, 1.0], 0), rows, 2, new double[4], PermutationScorers.R2, 0, 0)).ParamName.ShouldBe("repeats");
    }

    private sealed class Repeating : IPermutationSource
    {
        public void GetOrder(int feature, int repeat, Span<int> order) => order.Fill(0);
    }
}
