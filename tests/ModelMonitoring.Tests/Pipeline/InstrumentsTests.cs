using System.Diagnostics.Metrics;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Tests.Pipeline;

public class InstrumentsTests
{
    [Fact]
    public async Task DroppedRecords_AreVisibleThroughSystemDiagnosticsMetrics()
    {
        await using var test = TestPipeline.Create(o => o.AddModel("m", m => m.NumericFeatures("a")));
        test.Pipeline.GetMonitor("m").RecordPrediction(new Prediction { NumericFeatures = [double.PositiveInfinity] });
        var measurements = new List<(string Name, long Value, string? Reason)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "ModelMonitoring")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            measurements.Add((instrument.Name, value, tags.ToArray().FirstOrDefault(t => t.Key == "reason").Value as string)));
        listener.Start();

        listener.RecordObservableInstruments();

        measurements.ShouldContain(("modelmonitoring.records.received", 1L, null));
        measurements.ShouldContain(("modelmonitoring.records.dropped", 1L, "InvalidValue"));
        measurements.ShouldContain(("modelmonitoring.records.dropped", 0L, "BufferFull"));
    }
}
