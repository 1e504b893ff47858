using ModelMonitoring.Explainability;
using static ModelMonitoring.Tests.Explainability.ExplainerTestModels;

namespace ModelMonitoring.Tests.Explainability;

public class KernelShapExactTests
{
    private const double Tolerance = 1e-9;

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(10)]
    [InlineData(12)]
    public void Explain_LinearModelWithIndependentFeatures_EqualsWeightTimesDistanceFromBackgroundMean(int featureCount)
    {
        var weights = Enumerable.Range(0, featureCount).Select(j => (j % 3 == 0 ? -1.0 : 1.0) * (0.5 + j)).ToArray();
        var background = Rows(60, featureCount, seed: 7);
        var explainer = new KernelShapExplainer(Linear(weights, intercept: 2.5), background, featureCount);
        var instance = Rows(1, featureCount, seed: 8);

        var explanation = explainer.Explain(instance);

        explanation.IsExact.ShouldBeTrue();
        for (var j = 0; j < featureCount; j++)
        {
            var mean = Enumerable.Range(0, 60).Average(r => background[(r * featureCount) + j]);
            explanation.Attributions[j].ShouldBe(weights[j] * (instance[j] - mean), Tolerance);
        }
    }

    [Fact]
    public void Explain_NonLinearModel_IsAdditiveAndEqualsShapleyValuesOverAllOrderings()
    {
        const int FeatureCount = 6;
        var model = Interacting(FeatureCount);
        var background = Rows(15, FeatureCount, seed: 3);
        var explainer = new KernelShapExplainer(model, background, FeatureCount);
        var instance = Rows(1, FeatureCount, seed: 4);

        var explanation = explainer.Explain(instance);

        var expected = ShapleyOverOrderings(model, background, instance);
        for (var j = 0; j < FeatureCount; j++)
        {
            explanation.Attributions[j].ShouldBe(expected[j], Tolerance);
        }

        explanation.Prediction.ShouldBe(Predict(model, instance), Tolerance);
        explanation.BaseValue.ShouldBe(CoalitionValue(model, background, instance, mask: 0), Tolerance);
        (explanation.BaseValue + Sum(explanation.Attributions)).ShouldBe(explanation.Prediction, Tolerance);
    }

    [Fact]
    public void Explain_TwelveInteractingFeatures_EqualsBruteForceShapleyAndIsAdditive()
    {
        const int FeatureCount = 12;
        var model = Interacting(FeatureCount);
        var background = Rows(8, FeatureCount, seed: 11);
        var explainer = new KernelShapExplainer(model, background, FeatureCount);
        var instance = Rows(1, FeatureCount, seed: 12);

        var explanation = explainer.Explain(instance);

        explainer.CoalitionCount.ShouldBe(4096);
        var expected = BruteForceShapley(model, background, instance);
        for (var j = 0; j < FeatureCount; j++)
        {
            explanation.Attributions[j].ShouldBe(expected[j], Tolerance);
        }

        (explanation.BaseValue + Sum(explanation.Attributions)).ShouldBe(Predict(model, instance), Tolerance);
    }

    [Fact]
    public void Explain_IntoBuffer_RepeatedAndInterleaved_GivesTheSameAttributions()
    {
        const int FeatureCount = 7;
        var explainer = new KernelShapExplainer(Interacting(FeatureCount), Rows(30, FeatureCount, seed: 1), FeatureCount);
        var first = Rows(1, FeatureCount, seed: 2);
        var second = Rows(1, FeatureCount, seed: 3);
        var a = new double[FeatureCount];
        var b = new double[FeatureCount];
        var c = new double[FeatureCount];

        var prediction = explainer.Explain(first, a);
        explainer.Explain(second, b);
        explainer.Explain(first, c);

        c.ShouldBe(a);
        b.ShouldNotBe(a);
        (explainer.BaseValue + a.Sum()).ShouldBe(prediction, Tolerance);
    }

    [Fact]
    public void Explain_BatchesOfAtMostFourThousandRows_EvaluateEveryCoalitionAgainstEveryBackgroundRow()
    {
        const int FeatureCount = 10;
        var linear = Linear([.. Enumerable.Repeat(1.0, FeatureCount)], 0);
        var rowsSeen = 0L;
        var largestBatch = 0;
        var explainer = new KernelShapExplainer(
            (rows, outputs) =>
            {
                rowsSeen += outputs.Length;
                largestBatch = Math.Max(largestBatch, outputs.Length);
                linear(rows, outputs);
            },
            Rows(100, FeatureCount, seed: 5),
            FeatureCount);
        rowsSeen = 0;

        explainer.Explain(Rows(1, FeatureCount, seed: 6));

        rowsSeen.ShouldBe(1024 * 100);
        largestBatch.ShouldBeLessThanOrEqualTo(4096);
    }

    private static double Sum(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum;
    }
}
