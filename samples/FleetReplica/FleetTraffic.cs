using ModelMonitoring.Recording;

namespace FleetReplica;

/// <summary>
/// The replicas' traffic as pure functions of (replica index, sequence number), so that whoever reads the
/// store (a test, a person with psql) can say what every stored row should be.
/// </summary>
/// <remarks>The tests compile this file too: they check the store against these functions.</remarks>
internal static class FleetTraffic
{
    /// <summary>The id of replica <paramref name="index"/>'s prediction number <paramref name="sequence"/>: the replica in the high half, the sequence in the low half.</summary>
    public static PredictionId Id(int index, long sequence) => new((ulong)index + 1, (ulong)sequence);

    /// <summary>Decodes an id made by <see cref="Id"/>.</summary>
    public static (int Index, long Sequence) Decode(PredictionId id) => ((int)id.High - 1, (long)id.Low);

    /// <summary>Whether the prediction fails: every other one when the traffic is degraded (a 50% error rate), none otherwise.</summary>
    public static bool Fails(long sequence, bool degraded) => degraded && sequence % 2 == 1;

    /// <summary>The predicted class of a successful prediction.</summary>
    public static string PredictedClass(long sequence) => sequence % 3 == 0 ? "fraud" : "legit";

    /// <summary>The label that arrives for a successful prediction: the predicted class except for one in five (accuracy 0.8).</summary>
    public static string ActualClass(long sequence) => sequence % 5 == 0 ? Other(PredictedClass(sequence)) : PredictedClass(sequence);

    /// <summary>Whether the prediction was right, as its label says.</summary>
    public static bool Correct(long sequence) => ActualClass(sequence) == PredictedClass(sequence);

    /// <summary>Whose predictions replica <paramref name="index"/> labels: the previous replica's, as a load balancer sends a label anywhere.</summary>
    public static int LabelledReplica(int index, int replicas) => (index + replicas - 1) % replicas;

    private static string Other(string label) => label == "fraud" ? "legit" : "fraud";
}
