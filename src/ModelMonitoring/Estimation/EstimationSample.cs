namespace ModelMonitoring.Estimation;

/// <summary>
/// The predictions one open window keeps for its estimate: class index and confidence, at most a fixed number (a uniform
/// reservoir sample beyond it). Reused with its window, so the worker stops allocating once the buffers have grown.
/// </summary>
internal sealed class EstimationSample
{
    private int[] _classes = new int[64];
    private double[] _confidences = new double[64];

    /// <summary>Gets the number of predictions kept.</summary>
    public int Count { get; private set; }

    /// <summary>Gets the number of predictions offered, kept or not.</summary>
    public long Seen { get; private set; }

    public ReadOnlySpan<int> Classes => _classes.AsSpan(0, Count);

    public ReadOnlySpan<double> Confidences => _confidences.AsSpan(0, Count);

    public void Add(int classIndex, double confidence, int capacity, Random random)
    {
        Seen++;
        if (Count < capacity)
        {
            if (Count == _classes.Length)
            {
                var size = (int)Math.Min((long)_classes.Length * 2, capacity);
                Array.Resize(ref _classes, size);
                Array.Resize(ref _confidences, size);
            }

            _classes[Count] = classIndex;
            _confidences[Count] = confidence;
            Count++;
            return;
        }

        // Algorithm R: the new prediction replaces a kept one with probability capacity / seen.
        var slot = random.NextInt64(Seen);
        if (slot < capacity)
        {
            _classes[slot] = classIndex;
            _confidences[slot] = confidence;
        }
    }

    public void Clear()
    {
        Count = 0;
        Seen = 0;
    }
}
