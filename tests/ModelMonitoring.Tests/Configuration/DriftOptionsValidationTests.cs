using Microsoft.Extensions.Options;
using ModelMonitoring.Drift;
using ModelMonitoring.DriftMonitoring;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Tests.Configuration;

public class DriftOptionsValidationTests
{
    private static readonly ReferenceProfile Reference = ReferenceProfile.Create(
        new Dictionary<string, double[]> { ["amount"] = [1, 2, 3] },
        new Dictionary<string, string[]> { ["country"] = ["NL", "DE", "NL"] });

    private static OptionsValidationException CreateFails(Action<DriftMonitoringOptions> drift, params string[] numeric) =>
        Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(b => b.Configure(o => o.AddModel("fraud", m =>
        {
            if (numeric.Length > 0)
            {
                m.NumericFeatures(numeric);
            }

            m.CategoricalFeatures("country").Drift(drift);
        }))));

    [Theory]
    [InlineData(1)]
    [InlineData(1_000_001)]
    public void WindowSizeOutOfRange_FailsNamingTheSettingAndTheAllowedRange(int size) =>
        CreateFails(d => { d.WindowSize = size; d.MinimumRows = 2; }, "amount").Message
            .ShouldContain($"ModelMonitoringOptions.Models['fraud'].Drift.WindowSize: {size} is not allowed; use a value from 2 to 1,000,000.");

    [Fact]
    public void MultivariateSettings_AreValidatedAtStartUp_EveryProblemTogether()
    {
        var error = CreateFails(
            d =>
            {
                d.Reference = Reference;
                d.Multivariate = new MultivariateDriftOptions { ExplainedVariance = 0, Components = 2, ChunkSize = 0, Alpha = 1 };
            },
            "amount");

        var at = "ModelMonitoringOptions.Models['fraud'].Drift.Multivariate";
        error.Message.ShouldContain($"{at}: the model declares 1 numeric feature(s); a multivariate check needs at least 2.");
        error.Message.ShouldContain($"{at}.ExplainedVariance: 0 is not allowed");
        error.Message.ShouldContain($"{at}.Components: 2 is not allowed; use 1 to the number of numeric features (1), or null.");
        error.Message.ShouldContain($"{at}.ChunkSize: 0 is not allowed");
        error.Message.ShouldContain($"{at}.Alpha: 1 is not allowed");
        error.Message.ShouldContain($"{at}: the configured Reference does not keep its row order");
    }

    [Fact]
    public void EveryBadSetting_IsReportedTogether()
    {
        var error = CreateFails(
            d =>
            {
                d.CheckInterval = TimeSpan.Zero;
                d.WindowSize = 50;
                d.ReferenceFromFirst = 1;
                d.Reference = Reference;
                d.DetectorOptions = new DatasetDriftOptions
                {
                    DriftShare = 0,
                    Methods =
                    {
                        ["amount"] = new(DriftMethods.ChiSquare, 0.05),
                        ["country"] = new(DriftMethods.JensenShannon, -1),
                        ["nope"] = new(DriftMethods.KolmogorovSmirnov, 0.05),
                        ["age"] = new("magic", 0.05),
                    },
                };
            },
            "amount",
            "age");

        var at = "ModelMonitoringOptions.Models['fraud'].Drift";
        error.Message.ShouldContain($"{at}.CheckInterval: 00:00:00 is not allowed; use a positive, finite duration.");
        error.Message.ShouldContain($"{at}.MinimumRows: 100 is not allowed; use a value from 2 to the window size (50).");
        error.Message.ShouldContain($"{at}.ReferenceFromFirst: 1 is not allowed");
        error.Message.ShouldContain($"{at}: Reference and ReferenceFromFirst are both set");
        error.Message.ShouldContain($"{at}.Reference: the numeric feature 'age' is missing from the reference");
        error.Message.ShouldContain($"{at}.DetectorOptions.DriftShare: 0 is not allowed; use a share in (0, 1]");
        error.Message.ShouldContain($"{at}.DetectorOptions.Methods['amount']: 'chisquare' does not apply to a numeric feature");
        error.Message.ShouldContain($"{at}.DetectorOptions.Methods['country']: the distance threshold of 'jensenshannon' must be positive and finite, not -1.");
        error.Message.ShouldContain($"{at}.DetectorOptions.Methods['nope']: 'nope' is not a declared feature of the model.");
        error.Message.ShouldContain($"{at}.DetectorOptions.Methods['age']: unknown drift method 'magic'");
    }

    [Fact]
    public void ReferenceWithOtherFeatures_FailsNamingEachMismatch()
    {
        var error = CreateFails(d => d.Reference = Reference, "amount", "age");

        error.Message.ShouldContain("Drift.Reference: the numeric feature 'age' is missing from the reference; the reference must profile exactly the model's declared features");
    }

    [Fact]
    public void FeatureNamedDataset_FailsBecauseItsAlertNameIsTaken() =>
        CreateFails(_ => { }, "dataset").Message.ShouldContain("a feature named 'dataset' would share the alert name 'drift.dataset'");

    [Fact]
    public void ModelWithoutFeatures_Fails() =>
        Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(b => b.Configure(o => o.AddModel("bare", m => m.Drift(_ => { })))))
            .Message.ShouldContain("Models['bare'].Drift: the model declares no features");

    [Fact]
    public void ValidDriftConfiguration_Starts_AndDefaultsAreDocumentedValues()
    {
        DriftMonitoringOptions? configured = null;
        using var pipeline = MonitoringPipeline.Create(b => b.AddSink(new RecordingSink()).Configure(o => o.AddModel("fraud", m => m
            .NumericFeatures("amount").CategoricalFeatures("country")
            .Drift(d => configured = d)
            .Drift(d => d.Reference = Reference))));

        configured.ShouldNotBeNull();
        configured.WindowSize.ShouldBe(5_000);
        configured.CheckInterval.ShouldBe(TimeSpan.FromMinutes(5));
        configured.MinimumRows.ShouldBe(100);
        configured.ReferenceFromFirst.ShouldBeNull();
        configured.Reference.ShouldBeSameAs(Reference);
        pipeline.DriftMonitoring.GetStatus("fraud").Reference.ShouldBeSameAs(Reference);
    }
}
