using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelMonitoring.Alerting;
using ModelMonitoring.Configuration;
using ModelMonitoring.Drift.Streaming;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Tests.Alerting;

/// <summary>Streaming detectors configured per model, fed the per-label errors by the pipeline, raising <c>concept.*</c> alerts.</summary>
public sealed class ConceptDriftAlertTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 30, TimeSpan.Zero);

    private static TestPipeline Create(Action<ModelOptions> detectors, Action<ModelMonitoringOptions>? configure = null) => TestPipeline.Create(
        o =>
        {
            o.AddModel("m", m => detectors(m.NumericFeatures("x")));
            configure?.Invoke(o);
        },
        clock: new FakeTimeProvider(Start));

    /// <summary>
    /// Records <paramref name="count"/> predictions with unchanged inputs and their labels, the model wrong with the given
    /// probability, in batches that each go through one worker cycle.
    /// </summary>
    private static async Task LabelAsync(TestPipeline test, Random random, int count, double errorRate)
    {
        var monitor = test.Pipeline.GetMonitor("m");
        for (var done = 0; done < count; done += 100)
        {
            for (var i = 0; i < Math.Min(100, count - done); i++)
            {
                var id = monitor.RecordPrediction(new Prediction { NumericFeatures = [random.NextDouble()], PredictedClass = "yes" });
                monitor.RecordGroundTruth(id, random.NextDouble() < errorRate ? "no" : "yes").ShouldBeTrue();
            }

            (await test.Pipeline.FlushAsync()).ShouldBeTrue();
        }
    }

    [Fact]
    public async Task PredictionsStartBeingWrong_RaiseExactlyOneConceptDdmAlert_AfterTheChange()
    {
        await using var test = Create(m => m.StreamingDetector("ddm"));
        var random = new Random(7);

        await LabelAsync(test, random, 1000, errorRate: 0.1);
        test.Channel.Alerts.ShouldBeEmpty();
        await LabelAsync(test, random, 1000, errorRate: 0.6);

        var alert = test.Channel.Alerts.ShouldHaveSingleItem();
        alert.Name.ShouldBe("concept.ddm");
        alert.Model.ShouldBe("m");
        alert.State.ShouldBe(AlertState.Firing);
        alert.Severity.ShouldBe(AlertSeverity.Warning);
        alert.Message.ShouldContain("Ddm detected a change of the per-label error");
        (await test.Pipeline.Alerts.GetActiveAlertsAsync()).ShouldHaveSingleItem().Name.ShouldBe("concept.ddm");
    }

    [Fact]
    public async Task StationaryErrorStream_RaisesNoConceptAlert()
    {
        await using var test = Create(m => m.StreamingDetector("ddm").StreamingDetector("hddm", d => d.Kind = StreamingDetectorKind.HddmA));

        await LabelAsync(test, new Random(7), 3000, errorRate: 0.1);

        test.Channel.Alerts.ShouldBeEmpty();
        (await test.Pipeline.Alerts.GetActiveAlertsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task ConceptAlert_ResolvesAfterResolveAfterLabelsWithoutDetection()
    {
        await using var test = Create(m => m.StreamingDetector("ddm", d => { d.ResolveAfterLabels = 700; d.Severity = AlertSeverity.Critical; }));
        var random = new Random(7);
        await LabelAsync(test, random, 1000, errorRate: 0.1);
        await LabelAsync(test, random, 600, errorRate: 0.6);
        (await test.Pipeline.Alerts.GetActiveAlertsAsync()).ShouldHaveSingleItem().Severity.ShouldBe(AlertSeverity.Critical);

        await LabelAsync(test, random, 1000, errorRate: 0.6);

        (await test.Pipeline.Alerts.GetActiveAlertsAsync()).ShouldBeEmpty();
        test.Channel.Alerts.Select(a => (a.Name, a.State)).ShouldBe([("concept.ddm", AlertState.Firing), ("concept.ddm", AlertState.Resolved)]);
    }

    [Fact]
    public async Task FactoryDetector_ReadsTheAbsoluteErrorsOfRegressionLabels()
    {
        var detector = new CountingDetector();
        await using var test = Create(m => m.StreamingDetector("mine", d => { d.Stream = StreamingDetectorStream.AbsoluteError; d.Factory = () => detector; }));
        var monitor = test.Pipeline.GetMonitor("m");

        var first = monitor.RecordPrediction(new Prediction { NumericFeatures = [1], PredictedValue = 10 });
        var second = monitor.RecordPrediction(new Prediction { NumericFeatures = [1], PredictedValue = 20 });
        monitor.RecordGroundTruth(first, 12.5);
        monitor.RecordGroundTruth(second, 20);
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        detector.Values.ShouldBe([2.5, 0]);
        var alert = test.Channel.Alerts.ShouldHaveSingleItem();
        alert.Name.ShouldBe("concept.mine");
        alert.Metric.ShouldBe("absolute_error");
    }

    [Fact]
    public void StreamingDetectors_BindFromConfiguration()
    {
        const string json = """
            { "ModelMonitoring": { "Models": { "m": { "NumericFeatures": [ "x" ],
                "StreamingDetectors": {
                  "ddm": { "Kind": "Ddm" },
                  "mae": { "Kind": "Adwin", "Stream": "AbsoluteError", "Severity": "Critical", "ResolveAfterLabels": 50 } } } } } }
            """;
        var services = new ServiceCollection();
        services.AddModelMonitoring(Configuration(json).GetSection("ModelMonitoring"));
        using var provider = services.BuildServiceProvider();

        var model = provider.GetRequiredService<IOptions<ModelMonitoringOptions>>().Value.Models.ShouldHaveSingleItem();

        model.StreamingDetectors.Select(d => d.Name).ShouldBe(["ddm", "mae"]);
        model.StreamingDetectors[0].Kind.ShouldBe(StreamingDetectorKind.Ddm);
        model.StreamingDetectors[0].Stream.ShouldBe(StreamingDetectorStream.Error);
        model.StreamingDetectors[0].ResolveAfterLabels.ShouldBe(1000);
        var mae = model.StreamingDetectors[1];
        (mae.Kind, mae.Stream, mae.Severity, mae.ResolveAfterLabels).ShouldBe((StreamingDetectorKind.Adwin, StreamingDetectorStream.AbsoluteError, AlertSeverity.Critical, 50));
    }

    [Fact]
    public void InvalidStreamingDetectors_FailAtStartUp_NamingEverySetting()
    {
        const string json = """
            { "ModelMonitoring": { "Models": { "m": { "NumericFeatures": [ "x" ],
                "StreamingDetectors": {
                  "a": { "Kind": "Cusum" },
                  "b": { "Kind": "Eddm", "Stream": "AbsoluteError" },
                  "c": { "ResolveAfterLabels": 0 } } } } } }
            """;

        var error = Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(b => b.Services
            .AddModelMonitoring(Configuration(json).GetSection("ModelMonitoring"))
            .Configure(o => o.Models[0].StreamingDetector("c"))
            .AddSink(new RecordingSink())));

        error.Message.ShouldContain("ModelMonitoring:Models:m:StreamingDetectors:a:Kind");
        error.Message.ShouldContain("ModelMonitoringOptions.Models['m'].StreamingDetectors['b'].Kind: Eddm reads 0/1 errors only");
        error.Message.ShouldContain("ModelMonitoringOptions.Models['m'].StreamingDetectors['c'].ResolveAfterLabels: 0 is not allowed");
        error.Message.ShouldContain("ModelMonitoringOptions.Models['m'].StreamingDetectors['c']: the name is used by another streaming detector");
    }

    private static IConfigurationRoot Configuration(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

    /// <summary>Records what it reads and detects on its first value.</summary>
    private sealed class CountingDetector : IStreamingDriftDetector
    {
        public List<double> Values { get; } = [];

        public bool DriftDetected => Values.Count == 1;

        public bool WarningDetected => false;

        public void Update(double value) => Values.Add(value);

        public void Reset() => Values.Clear();
    }
}
