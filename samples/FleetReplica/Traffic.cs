using ModelMonitoring;
using ModelMonitoring.Recording;

namespace FleetReplica;

/// <summary>Records this replica's predictions and the labels it receives, as <see cref="FleetTraffic"/> defines them.</summary>
internal sealed class Traffic(ReplicaSettings settings, IModelMonitor monitor, TimeProvider time)
{
    private long _predictions;
    private long _labels;

    /// <summary>Gets how many predictions were recorded (accepted or not).</summary>
    public long Predictions => Interlocked.Read(ref _predictions);

    /// <summary>Gets how many labels were recorded (accepted or not).</summary>
    public long Labels => Interlocked.Read(ref _labels);

    /// <summary>Records <see cref="ReplicaSettings.Rate"/> predictions per second, in small steps, until stopped.</summary>
    public async Task RecordSteadilyAsync(CancellationToken stopToken)
    {
        var started = time.GetTimestamp();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10), time);
        try
        {
            do
            {
                var due = (long)(time.GetElapsedTime(started).TotalSeconds * settings.Rate);
                for (var sequence = Predictions; sequence < due && !stopToken.IsCancellationRequested; sequence++)
                {
                    Record(sequence);
                }
            }
            while (await timer.WaitForNextTickAsync(stopToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stopToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Records groups of <see cref="ReplicaSettings.GroupSize"/> predictions from one thread, flushing after each:
    /// with the batch size equal to the group size, no batch holds rows of two groups, and a group is usually one
    /// batch; it is two when a worker cycle (woken by a previous signal) drains the ring while the group is recorded.
    /// </summary>
    public Task RecordGroupsAsync(IModelMonitoring monitoring, CancellationToken stopToken) => Task.Factory.StartNew(
        () =>
        {
            // One thread records every group (it holds one producer lease, so one ring shard in order) and waits for each flush.
            while (!stopToken.IsCancellationRequested)
            {
                var first = Predictions;
                for (var sequence = first; sequence < first + settings.GroupSize; sequence++)
                {
                    Record(sequence);
                }

                monitoring.FlushAsync(CancellationToken.None).GetAwaiter().GetResult();
            }
        },
        stopToken,
        TaskCreationOptions.LongRunning,
        TaskScheduler.Default);

    private void Record(long sequence)
    {
        var fails = FleetTraffic.Fails(sequence, settings.Degraded);
        monitor.RecordPrediction(new Prediction
        {
            Id = FleetTraffic.Id(settings.Index, sequence),
            NumericFeatures = [sequence % 100],
            Latency = TimeSpan.FromMilliseconds(5 + (sequence % 7)),
            Status = fails ? PredictionStatus.Error : PredictionStatus.Success,
            PredictedClass = fails ? null : FleetTraffic.PredictedClass(sequence),
            Segment = settings.Name,
        });
        Interlocked.Increment(ref _predictions);

        var labelled = settings.Labels switch
        {
            "next" => FleetTraffic.LabelledReplica(settings.Index, settings.Replicas),
            "self" => settings.Index,
            _ => -1,
        };
        if (labelled >= 0)
        {
            // The label of that replica's prediction with the same sequence number; stored whether or not the prediction is.
            monitor.RecordGroundTruth(FleetTraffic.Id(labelled, sequence), FleetTraffic.ActualClass(sequence));
            Interlocked.Increment(ref _labels);
        }
    }
}
