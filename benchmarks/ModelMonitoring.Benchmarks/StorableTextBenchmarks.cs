// Results: docs/benchmarks.md, "Storable text".

using BenchmarkDotNet.Attributes;
using ModelMonitoring.Recording;

namespace ModelMonitoring.Benchmarks;

/// <summary>
/// The check recording makes of every text a prediction carries on the slow path (class label the first time a shard
/// sees it, error kind, segment, each categorical value), of other records' texts, and never on the fast path:
/// that it holds no NUL and no unpaired surrogate. Per text, for a short categorical value, a longer one and one with
/// a surrogate pair (the pairing walk).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(TieredUpConfig))]
public class StorableTextBenchmarks
{
    private readonly string _short = "DE";
    private readonly string _long = "mobile-app/android/14.2 checkout-flow";
    private readonly string _emoji = "shop 🚀 fr";

    [Benchmark]
    public bool ShortValue() => StorableText.IsStorable(_short);

    [Benchmark]
    public bool LongValue() => StorableText.IsStorable(_long);

    [Benchmark]
    public bool WithSurrogatePair() => StorableText.IsStorable(_emoji);
}
