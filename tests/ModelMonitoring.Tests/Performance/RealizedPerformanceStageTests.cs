using ModelMonitoring.Performance;
using ModelMonitoring.Storage;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Tests.Performance;

/// <summary>The stage's scheduling against a store that records its calls (the SQL behind it is covered by the contract suite).</summary>
public class RealizedPerformanceStageTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly CallRecordingStore _store = new();
    private readonly CapturingLoggerProvider _logs = new();

    private RealizedPerformanceStage Create(RealizedPerformanceOptions? options = null) =>
        new([new ModelSchema("fraud", "1", "test", [], [])], _store, options ?? new RealizedPerformanceOptions(), TimeSpan.FromMinutes(1), 100, TimeSpan.FromSeconds(10), _clock, _logs.CreateLogger("test"));

    [Fact]
    public async Task AFollower_NeverReadsOrWritesTheStore()
    {
        var stage = Create();

        await stage.RunAsync(leading: false, CancellationToken.None);
        _clock.Advance(TimeSpan.FromHours(1));
        await stage.RunAsync(leading: false, CancellationToken.None);

        _store.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task TheLeader_StartsFromTheLastStoredComputation_AndChecksAtMostOncePerInterval_LookingBackTheLabelDelay()
    {
        _store.LastComputed = Start.AddMinutes(-30);
        var stage = Create();

        await stage.RunAsync(leading: true, CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(59));
        await stage.RunAsync(leading: true, CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await stage.RunAsync(leading: true, CancellationToken.None);

        _store.Calls.ShouldBe([
            "last fraud",
            $"windows fraud since {Start.AddMinutes(-35):O} predicted since {Start.AddDays(-7):O}",
            $"windows fraud since {Start.AddMinutes(-5):O} predicted since {Start.AddMinutes(1).AddDays(-7):O}"]);
    }

    [Fact]
    public async Task WithoutAStoredComputation_TheLeaderLooksBackTheWholeLookBack()
    {
        var stage = Create(new RealizedPerformanceOptions { LookBack = TimeSpan.FromDays(2), LabelDelay = TimeSpan.Zero });

        await stage.RunAsync(leading: true, CancellationToken.None);

        _store.Calls[1].ShouldBe($"windows fraud since {Start.AddDays(-2):O} predicted since {Start.AddDays(-2):O}");
    }

    [Fact]
    public async Task AFailedSave_IsLoggedOnce_AndTheWindowIsSavedAtALaterCycle()
    {
        _store.Windows = [Start.AddMinutes(-2)];
        _store.FailSaves = 2;
        var stage = Create();

        await stage.RunAsync(leading: true, CancellationToken.None);
        await stage.RunAsync(leading: true, CancellationToken.None);
        stage.Pending.ShouldBe(1);
        await stage.RunAsync(leading: true, CancellationToken.None);

        stage.Pending.ShouldBe(0);
        _store.Saved.ShouldBe([Start.AddMinutes(-2)]);
        _logs.Lines.Count(l => l.Contains("[190]", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task BecomingAFollower_ForgetsTheWindowsWaiting_AndLeadingAgainResumesFromTheStore()
    {
        _store.Windows = [Start.AddMinutes(-3), Start.AddMinutes(-2)];
        var stage = Create(new RealizedPerformanceOptions { MaxWindowsPerCycle = 1 });

        await stage.RunAsync(leading: true, CancellationToken.None);
        stage.Pending.ShouldBe(1);
        await stage.RunAsync(leading: false, CancellationToken.None);
        stage.Pending.ShouldBe(0);
        await stage.RunAsync(leading: true, CancellationToken.None);

        _store.Calls.Count(c => c.StartsWith("last", StringComparison.Ordinal)).ShouldBe(2);
        _store.Saved.ShouldBe([Start.AddMinutes(-2), Start.AddMinutes(-2)]);
    }

    private sealed class CallRecordingStore : IRealizedPerformanceStore
    {
        public List<string> Calls { get; } = [];

        public List<DateTimeOffset> Saved { get; } = [];

        public DateTimeOffset? LastComputed { get; set; }

        public IReadOnlyList<DateTimeOffset> Windows { get; set; } = [];

        public int FailSaves { get; set; }

        public Task<IReadOnlyList<LabelledPrediction>> GetLabelledPredictionsAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<LabelledPrediction>>([new LabelledPrediction { Timestamp = from, PredictedClass = "a", ActualClass = "a" }]);

        public Task<IReadOnlyList<DateTimeOffset>> GetLabelledWindowsAsync(string model, DateTimeOffset labelledSince, DateTimeOffset predictedSince, TimeSpan window, CancellationToken cancellationToken = default)
        {
            Calls.Add($"windows {model} since {labelledSince:O} predicted since {predictedSince:O}");
            return Task.FromResult(Windows);
        }

        public Task SaveRealizedPerformanceAsync(string model, DateTimeOffset windowStart, IReadOnlyList<RealizedPerformance> performance, CancellationToken cancellationToken = default)
        {
            if (FailSaves-- > 0)
            {
                throw new InvalidOperationException("store down");
            }

            Saved.Add(windowStart);
            return Task.CompletedTask;
        }

        public Task<DateTimeOffset?> GetLastComputedAsync(string model, CancellationToken cancellationToken = default)
        {
            Calls.Add($"last {model}");
            return Task.FromResult(LastComputed);
        }
    }
}
