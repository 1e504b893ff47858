using ModelMonitoring.Recording;
using static ModelMonitoring.Storage.ContractTests.TestData;

namespace ModelMonitoring.Storage.ContractTests;

public abstract partial class MonitoringStoreContractTests
{
    [Fact]
    public async Task Predictions_WithFeaturesIdsAndNulls_ReadBackExactly()
    {
        await using var store = await CreateStoreAsync();
        var model = Schema("roundtrip", numeric: ["amount", "tiny", "huge", "negative"], categorical: ["country", "device", "note"]);
        var full = new PredictionRecord
        {
            Id = new PredictionId(ulong.MaxValue, 0x0123456789ABCDEF),
            Timestamp = At(1.000001),
            Latency = TimeSpan.FromTicks(123_457),
            Status = PredictionStatus.Success,
            PredictedClass = "fraud",
            PredictedValue = 0.1 + 0.2,
            Confidence = 0.875,
            InputHash = ulong.MaxValue - 1,
            Segment = "user-42",
            NumericFeatures = new[] { 1234.5678, double.Epsilon, double.MaxValue, -0.0 },
            CategoricalFeatures = new[] { "DE", "", "naïve café 日本 🚀" },
        };
        var sparse = new PredictionRecord
        {
            Id = new PredictionId(1, 2),
            Timestamp = At(2),
            Status = PredictionStatus.Error,
            ErrorKind = "OnnxRuntimeException",
            NumericFeatures = new[] { 0.0, -1e-300, 1e300, -7.25 },
            CategoricalFeatures = new string?[] { null, null, null },
        };

        await WriteAsync(store, Batch(model, [full, sparse]));
        var stored = await store.ReadPredictionsAsync("roundtrip", All.From, All.To);

        stored.Count.ShouldBe(2);
        ShouldMatch(stored[0], full);
        ShouldMatch(stored[1], sparse);
    }

    [Fact]
    public async Task Predictions_WithMissingFeatureValues_AreStoredAndReadBackAsMissing()
    {
        // A NaN feature is a missing value (MissingValueHandling.CountAsMissing): stored, not rejected, and read back as NaN.
        await using var store = await CreateStoreAsync();
        var model = Schema("missing", numeric: ["amount", "age", "score"], categorical: ["country"]);
        var prediction = new PredictionRecord
        {
            Id = new PredictionId(5, 6),
            Timestamp = At(1),
            NumericFeatures = new[] { double.NaN, 42.5, -double.NaN },
            CategoricalFeatures = new string?[] { null },
        };

        await WriteAsync(store, Batch(model, [prediction]));
        var stored = (await store.ReadPredictionsAsync("missing", All.From, All.To)).ShouldHaveSingleItem();

        var numeric = stored.NumericFeatures.ToArray();
        numeric.Length.ShouldBe(3);
        double.IsNaN(numeric[0]).ShouldBeTrue();
        numeric[1].ShouldBe(42.5);
        double.IsNaN(numeric[2]).ShouldBeTrue();
        stored.CategoricalFeatures.ToArray().ShouldBe([null]);
        (await store.Reader.GetPredictionSummaryAsync("missing", All.From, All.To)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Predictions_OfModelWithoutFeatures_ReadBackWithEmptyFeatures()
    {
        await using var store = await CreateStoreAsync();
        var prediction = Prediction(At(1), predictedValue: 3.5);

        await WriteAsync(store, Batch(Schema("plain"), [prediction]));
        var stored = await store.ReadPredictionsAsync("plain", All.From, All.To);

        stored.Count.ShouldBe(1);
        ShouldMatch(stored[0], prediction);
    }

    [Fact]
    public async Task Timestamps_FinerThanAMicrosecond_AreTruncatedToTheMicrosecond()
    {
        await using var store = await CreateStoreAsync();
        var prediction = Prediction(At(1).AddTicks(9));

        await WriteAsync(store, Batch(Schema("precision"), [prediction]));
        var stored = await store.ReadPredictionsAsync("precision", All.From, All.To);

        stored.Single().Timestamp.ShouldBe(At(1));
        stored.Single().Timestamp.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public async Task EmptyBatch_IsAcceptedAndStoresNothing()
    {
        await using var store = await CreateStoreAsync();

        await WriteAsync(store, Batch(Schema("empty")));

        (await store.Reader.GetPredictionSummaryAsync("empty", All.From, All.To)).Count.ShouldBe(0);
    }

    /// <summary>Compares every field, features and class probabilities by value (bit for bit).</summary>
    protected static void ShouldMatch(PredictionRecord actual, PredictionRecord expected)
    {
        actual.Id.ShouldBe(expected.Id);
        actual.Timestamp.ShouldBe(expected.Timestamp);
        actual.Latency.ShouldBe(expected.Latency);
        actual.Status.ShouldBe(expected.Status);
        actual.ErrorKind.ShouldBe(expected.ErrorKind);
        actual.PredictedClass.ShouldBe(expected.PredictedClass);
        actual.PredictedValue.ShouldBe(expected.PredictedValue);
        actual.Confidence.ShouldBe(expected.Confidence);
        actual.InputHash.ShouldBe(expected.InputHash);
        actual.Segment.ShouldBe(expected.Segment);
        actual.NumericFeatures.ToArray().Select(BitConverter.DoubleToInt64Bits)
            .ShouldBe(expected.NumericFeatures.ToArray().Select(BitConverter.DoubleToInt64Bits));
        actual.CategoricalFeatures.ToArray().ShouldBe(expected.CategoricalFeatures.ToArray());
        actual.ClassProbabilities.ToArray().Select(BitConverter.DoubleToInt64Bits)
            .ShouldBe(expected.ClassProbabilities.ToArray().Select(BitConverter.DoubleToInt64Bits));
    }
}
