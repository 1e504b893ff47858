using ModelMonitoring.DriftMonitoring;
using ModelMonitoring.Recording;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Tests.DriftMonitoring;

public sealed class DriftWindowCapTests
{
    private static PredictionRecord Row(string? label) => new()
    {
        Timestamp = DateTimeOffset.UnixEpoch,
        NumericFeatures = Array.Empty<double>(),
        CategoricalFeatures = new string?[] { label },
    };

    [Fact]
    public void Add_PastTheDistinctCap_HoldsOther_AndAValueLeavingTheWindowFreesItsPlace()
    {
        // Arrange
        var window = new DriftWindow(4, numericWidth: 0, categoricalWidth: 1, maxDistinctValues: 2);

        // Act
        foreach (var label in new[] { "a", "b", "c", null })
        {
            window.Add(Row(label));
        }

        var full = window.Categorical(0).ToArray();

        // "a" and "b" leave the window, so "d" and "e" get their places; "f" does not.
        foreach (var label in new[] { "d", "e", "f" })
        {
            window.Add(Row(label));
        }

        // Assert
        full.ShouldBe(["a", "b", RecordingLimits.OtherValue]);
        window.Categorical(0).ShouldBe(["d", "e", RecordingLimits.OtherValue]);
        window.GroupedAsOther.ShouldBe(2);
    }
}
