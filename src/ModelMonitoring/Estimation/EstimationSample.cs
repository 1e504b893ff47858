namespace ModelMonitoring.Estimation;

/// <summary>
/// The predictions one open window keeps for its estimate: class index, confidence and, for a reference that estimates
/// from class probabilities, the probability of each class; at most a fixed number (a uniform reservoir sample beyond
/// it). Reused with its window, so the worker stops allocating once the buffers have grown.
/// </summary>
/// <param name="width">The class probabilities kept per prediction: the class count, or 0 when none are.</param>
internal sealed class EstimationSample(int width = 0)
{
    private int[] _classes = new int[64];
    private double[] _confidences = new double[64];
    private double[] _probabilities = new double[64 * width];

    /// <summary>Gets the number of predictions kept.</summary>
    public int Count { get; private set; }

    /// <summary>Gets the number of predictions offered, kept or not.</summary>
    public long Seen { get; private set; }

    public ReadOnlySpan<int> Classes => _classes.AsSpan(0, Count);

    public ReadOnlySpan<double> Confidences => _confidences.AsSpan(0, Count);

    /// <summary>Gets the kept predictions' class probabilities, row-major (empty when the sample keeps none).</summary>
    public ReadOnlySpan<double> Probabilities => _probabilities.AsSpan(0, Count * width);

    /// <param name="classIndex">The predicted class.</param>
    /// <param name="confidence">Its confidence.</param>
    /// <param name="probabilities">The class probabilities: as many as the sample's width.</param>
    /// <param name="capacity">The most predictions kept.</param>
    /// <param name="random">Chooses which prediction a new one replaces once the sample is full.</param>
    public void Add(int classIndex, double confidence, ReadOnlySpan<double> probabilities, int capacity, Random random)
    {
        Seen++;
        if (Count < capacity)
        {
            if (Count == _classes.Length)
            {
                var size = (int)Math.Min((long)_classes.Length * 2, capacity);
                Array.Resize(ref _classes, size);
                Array.Resize(ref _confidences, size);
                Array.Resize(ref _probabilities, size * width);
            }

            _classes[Count] = classIndex;
            _confidences[Count] = confidence;
            probabilities[..width].CopyTo(_probabilities.AsSpan(Count * width, width));
            Count++;
            return;
        }

        // Algorithm R: the new prediction replaces a kept one with probability capacity / seen.
        var slot = random.NextInt64(Seen);
        if (slot < capacity)
        {
            _classes[slot] = classIndex;
            _confidences[slot] = confidence;
            probabilities[..width].CopyTo(_probabilities.AsSpan((int)slot * width, width));
        }
    }

    public void Clear()
    {
        Count = 0;
        Seen = 0;
    }
}
