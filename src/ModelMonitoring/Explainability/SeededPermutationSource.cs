namespace ModelMonitoring.Explainability;

/// <summary>
/// Uniformly random row orders (Fisher-Yates) from a seed, the same for the same seed, feature and repeat on every
/// runtime, and independent of the order in which they are asked for.
/// </summary>
/// <param name="seed">The seed.</param>
public sealed class SeededPermutationSource(int seed) : IPermutationSource
{
    /// <inheritdoc/>
    public void GetOrder(int feature, int repeat, Span<int> order)
    {
        var random = new SplitMix64(unchecked((seed * 1_000_003) + (feature * 7_919) + repeat));
        random.NextUInt64();
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }
}
