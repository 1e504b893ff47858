using Microsoft.Extensions.Options;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Tests.Configuration;

public class OptionsValidationTests
{
    private static OptionsValidationException CreateFails(Action<ModelMonitoringOptions> configure) =>
        Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(b => b.Configure(configure)));

    [Fact]
    public void DuplicateModel_FailsNamingTheModel()
    {
        var error = CreateFails(o => o.AddModel("fraud", m => m.NumericFeatures("a")).AddModel("fraud", m => m.NumericFeatures("b")));

        error.Message.ShouldContain("ModelMonitoringOptions.Models: the model 'fraud' is declared more than once");
    }

    [Fact]
    public void EmptyFeatureList_FailsNamingTheSetting()
    {
        var error = CreateFails(o => o.AddModel("fraud", m => m.NumericFeatures()));

        error.Message.ShouldContain("ModelMonitoringOptions.Models['fraud'].NumericFeatures: the feature list is empty");
    }

    [Fact]
    public void ZeroCapacity_FailsNamingTheSettingAndTheAllowedRange()
    {
        var error = CreateFails(o => { o.BufferCapacity = 0; o.AddModel("m"); });

        error.Message.ShouldContain("ModelMonitoringOptions.BufferCapacity: 0 is not allowed; use a value from 16 to 16,777,216.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("web\n1")]
    public void BadReplicaName_FailsNamingTheSetting(string name)
    {
        var error = CreateFails(o => { o.ReplicaName = name; o.AddModel("m", m => m.NumericFeatures("a")); });

        error.Message.ShouldContain("ModelMonitoringOptions.ReplicaName:");
        error.Message.ShouldContain("use a name of 1 to 128 characters");
    }

    [Fact]
    public void ReplicaName_DefaultsToTheMachineNameAndProcessId() =>
        new ModelMonitoringOptions().ReplicaName.ShouldBe($"{Environment.MachineName}-{Environment.ProcessId}");

    [Fact]
    public void NoModel_Fails() =>
        CreateFails(_ => { }).Message.ShouldContain("no model is declared");

    [Fact]
    public void SeveralProblems_AreReportedTogether()
    {
        var error = CreateFails(o =>
        {
            o.FlushInterval = TimeSpan.Zero;
            o.MaxBatchSize = -1;
            o.AddModel("bad name", m => m.NumericFeatures("a", "a").Threshold("no_such_metric", t => { t.Min = 2; t.Max = 1; }));
        });

        error.Failures.Count().ShouldBeGreaterThanOrEqualTo(6);
        error.Message.ShouldContain("ModelMonitoringOptions.FlushInterval");
        error.Message.ShouldContain("ModelMonitoringOptions.MaxBatchSize");
        error.Message.ShouldContain("Models['bad name'].Name");
        error.Message.ShouldContain("'a' is declared more than once");
        error.Message.ShouldContain("'no_such_metric' is not a window metric");
        error.Message.ShouldContain("Min (2) must not exceed Max (1)");
    }

    [Fact]
    public void ValidConfiguration_Starts()
    {
        using var pipeline = MonitoringPipeline.Create(b => b.AddSink(new RecordingSink()).Configure(o => o.AddModel("m", m => m.NumericFeatures("a").CategoricalFeatures("c")
            .Threshold("class_share.fraud", t => t.Max = 0.5))));

        pipeline.Models.Single().NumericFeatures.ShouldBe(["a"]);
    }
}
