using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace ModelMonitoring.Benchmarks;

/// <summary>
/// For benchmarks whose iterations are one invocation of a few milliseconds: the runtime waits for
/// 100 ms without new Tier-0 compilations before it starts counting calls, which such runs never
/// give it, so they would time unoptimised code (the recording path measured about 450 ns per call
/// that way). Starting call counting at once measures the Tier-1 code a warmed-up service runs.
/// </summary>
internal sealed class TieredUpConfig : ManualConfig
{
    public TieredUpConfig() => AddJob(Job.Default.WithEnvironmentVariable("DOTNET_TC_CallCountingDelayMs", "0"));
}
