using ModelMonitoring.Recording;

namespace ModelMonitoring.Tests.Recording;

// Recording reads the rarely used properties only when Prediction.Optional says they were set, so
// every one of them must set its flag, even when set to its default value.
public class PredictionTests
{
    [Fact]
    public void Optional_OnlyCommonPropertiesSet_IsNone()
    {
        var prediction = new Prediction
        {
            NumericFeatures = [1, 2],
            Latency = TimeSpan.FromMilliseconds(3),
            Status = PredictionStatus.Error,
            PredictedClass = "a",
            Confidence = 0.5,
        };

        prediction.Optional.ShouldBe(OptionalFields.None);
        default(Prediction).Optional.ShouldBe(OptionalFields.None);
    }

    [Fact]
    public void Optional_EachRarelyUsedProperty_SetsItsOwnFlagEvenWhenSetToItsDefault()
    {
        new Prediction { CategoricalFeatures = default }.Optional.ShouldBe(OptionalFields.CategoricalFeatures);
        new Prediction { ErrorKind = null }.Optional.ShouldBe(OptionalFields.ErrorKind);
        new Prediction { PredictedValue = null }.Optional.ShouldBe(OptionalFields.PredictedValue);
        new Prediction { Id = PredictionId.Empty }.Optional.ShouldBe(OptionalFields.Id);
        new Prediction { Timestamp = null }.Optional.ShouldBe(OptionalFields.Timestamp);
        new Prediction { InputHash = null }.Optional.ShouldBe(OptionalFields.InputHash);
        new Prediction { Segment = null }.Optional.ShouldBe(OptionalFields.Segment);
    }

    [Fact]
    public void Optional_SeveralProperties_CombinesTheirFlagsAndKeepsTheValues()
    {
        var at = DateTimeOffset.UnixEpoch;

        var prediction = new Prediction { CategoricalFeatures = ["x"], Segment = "eu", Timestamp = at, InputHash = 5 };

        prediction.Optional.ShouldBe(OptionalFields.CategoricalFeatures | OptionalFields.Segment | OptionalFields.Timestamp | OptionalFields.InputHash);
        prediction.CategoricalFeatures.ToArray().ShouldBe(["x"]);
        prediction.Segment.ShouldBe("eu");
        prediction.Timestamp.ShouldBe(at);
        prediction.InputHash.ShouldBe(5UL);
    }
}
