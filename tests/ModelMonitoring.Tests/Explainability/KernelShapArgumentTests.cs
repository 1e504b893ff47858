using ModelMonitoring.Explainability;
using static ModelMonitoring.Tests.Explainability.ExplainerTestModels;

namespace ModelMonitoring.Tests.Explainability;

public class KernelShapArgumentTests
{
    [Fact]
    public void Constructor_InvalidOptions_ReportsEverySettingWithItsRange()
    {
        var options = new KernelShapOptions { MaxExactFeatures = 21, SampledCoalitions = 1 };

        var error = Should.Throw<ArgumentException>(() => new KernelShapExplainer(Linear([1.0], 0), [1.0], 1, options));

        error.Message.ShouldContain("KernelShapOptions.MaxExactFeatures must be between 0 and 20; it is 21.");
        error.Message.ShouldContain("KernelShapOptions.SampledCoalitions must be between 2 and 1,000,000; it is 1.");
    }

    [Fact]
    public void Constructor_BackgroundNotWholeRows_Throws()
    {
        var error = Should.Throw<ArgumentException>(() => new KernelShapExplainer(Linear([1.0, 2.0], 0), [1.0, 2.0, 3.0], 2));

        error.ParamName.ShouldBe("background");
    }

    [Fact]
    public void Constructor_NaNInBackground_Throws()
    {
        Should.Throw<ArgumentException>(() => new KernelShapExplainer(Linear([1.0, 2.0], 0), [1.0, double.NaN], 2)).ParamName.ShouldBe("background");
    }

    [Fact]
    public void Explain_WrongFeatureCountOrNaN_Throws()
    {
        var explainer = new KernelShapExplainer(Linear([1.0, 2.0], 0), [1.0, 2.0], 2);

        Should.Throw<ArgumentException>(() => explainer.Explain([1.0])).ParamName.ShouldBe("instance");
        Should.Throw<ArgumentException>(() => explainer.Explain([1.0, double.PositiveInfinity])).ParamName.ShouldBe("instance");
        Should.Throw<ArgumentException>(() => explainer.Explain([1.0, 2.0], new double[1])).ParamName.ShouldBe("attributions");
    }

    [Fact]
    public void Explain_ModelReturnsNaN_ThrowsInvalidOperation()
    {
        var calls = 0;
        var explainer = new KernelShapExplainer((_, outputs) => outputs.Fill(calls++ == 0 ? 1.0 : double.NaN), [1.0, 2.0], 2);

        Should.Throw<InvalidOperationException>(() => explainer.Explain([3.0, 4.0])).Message.ShouldContain("not finite");
    }
}
