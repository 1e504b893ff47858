namespace ModelMonitoring.Drift.Streaming;

/// <summary>
/// Creates the built-in streaming drift detectors. Each follows the implementation of the same name
/// in River (<c>river.drift</c>), with River's default parameters, and detects at the same indices
/// as River's documented examples. Invalid parameters throw an
/// <see cref="ArgumentOutOfRangeException"/> naming the parameter.
/// </summary>
/// <remarks>
/// Which to use: DDM, EDDM and HDDM_A read an error stream of 0s and 1s (1 for a wrong prediction)
/// and also report a warning zone; DDM and HDDM_A suit abrupt rises of the error rate, EDDM gradual
/// ones. ADWIN, Page-Hinkley and KSWIN read any numeric stream (absolute errors, a metric):
/// ADWIN finds a change of the mean with a guaranteed false-alarm bound and keeps memory
/// logarithmic in its window; Page-Hinkley is the cheapest test for a shift of the mean; KSWIN
/// detects a change of the whole distribution, not only of its mean, at the highest cost per value.
/// </remarks>
/// <example>
/// <code>
/// var adwin = StreamingDriftDetectors.Adwin();
/// foreach (var absoluteError in errors)
/// {
///     adwin.Update(absoluteError);
///     if (adwin.DriftDetected)
///     {
///         Console.WriteLine("The model's error level changed");
///     }
/// }
/// </code>
/// </example>
public static class StreamingDriftDetectors
{
    /// <summary>
    /// Creates a DDM (Drift Detection Method, Gama et al. 2004) detector. It tracks the error rate p
    /// and s = √(p(1 − p)/n), remembers where p + s was lowest, and warns when p + s exceeds
    /// p_min + <paramref name="warningThreshold"/>·s_min, and detects drift when it exceeds
    /// p_min + <paramref name="driftThreshold"/>·s_min.
    /// </summary>
    /// <param name="warmStart">Values read before the detector may warn or detect; at least 0. The default value is 30.</param>
    /// <param name="warningThreshold">Standard deviations above the best level for a warning (2 ≈ 95 % confidence); positive. The default value is 2.</param>
    /// <param name="driftThreshold">Standard deviations above the best level for a drift (3 ≈ 99 %); at least <paramref name="warningThreshold"/>. The default value is 3.</param>
    /// <returns>A new detector.</returns>
    public static IStreamingDriftDetector Ddm(int warmStart = 30, double warningThreshold = 2.0, double driftThreshold = 3.0) =>
        new DdmDetector(warmStart, warningThreshold, driftThreshold);

    /// <summary>
    /// Creates an EDDM (Early Drift Detection Method, Baena-García et al. 2006) detector. It tracks the
    /// mean p′ and standard deviation s′ of the distance between consecutive errors, warns when
    /// p′ + 2s′ falls below <paramref name="alpha"/> times its maximum, and detects drift below
    /// <paramref name="beta"/> times it. A value of 1 is an error; any other value is not.
    /// </summary>
    /// <param name="warmStart">Values, and errors, read before the detector may warn or detect; at least 0. The default value is 30.</param>
    /// <param name="alpha">Warning level, in (0, 1]; smaller is more conservative. The default value is 0.95.</param>
    /// <param name="beta">Drift level, in (0, 1] and at most <paramref name="alpha"/>. The default value is 0.9.</param>
    /// <returns>A new detector.</returns>
    public static IStreamingDriftDetector Eddm(int warmStart = 30, double alpha = 0.95, double beta = 0.9) =>
        new EddmDetector(warmStart, alpha, beta);

    /// <summary>
    /// Creates an HDDM_A detector (Frías-Blanco et al. 2014): compares the mean of all values with the
    /// mean up to a moving cut point under Hoeffding's bound, so values must lie in [0, 1].
    /// </summary>
    /// <param name="driftConfidence">Significance of a drift, in (0, 1). The default value is 0.001.</param>
    /// <param name="warningConfidence">Significance of a warning, in (0, 1) and at least <paramref name="driftConfidence"/>. The default value is 0.005.</param>
    /// <param name="direction">The changes reported: River's one-sided test is <see cref="DriftDirection.Increase"/>, its two-sided test <see cref="DriftDirection.Both"/>. The default value is <see cref="DriftDirection.Increase"/>.</param>
    /// <returns>A new detector.</returns>
    public static IStreamingDriftDetector HddmA(double driftConfidence = 0.001, double warningConfidence = 0.005, DriftDirection direction = DriftDirection.Increase) =>
        new HddmADetector(driftConfidence, warningConfidence, direction);

    /// <summary>
    /// Creates an ADWIN (adaptive windowing, Bifet and Gavaldà 2007) detector: a window of recent values
    /// kept in an exponential histogram (memory logarithmic in its length), cut where two sub-windows'
    /// means differ by more than a bound at confidence <paramref name="delta"/>. No warning zone.
    /// </summary>
    /// <param name="delta">Confidence of a cut, in (0, 1); smaller means fewer false alarms and later detections. The default value is 0.002.</param>
    /// <param name="clock">Values between two checks for a cut; at least 1. The default value is 32.</param>
    /// <param name="maxBuckets">Buckets of each size kept before two are merged, in [1, 1000]. The default value is 5.</param>
    /// <param name="minWindowLength">The shortest sub-window on either side of a cut; at least 1. The default value is 5.</param>
    /// <param name="gracePeriod">Values read before the first check; at least 0. The default value is 10.</param>
    /// <returns>A new detector.</returns>
    public static IStreamingDriftDetector Adwin(double delta = 0.002, int clock = 32, int maxBuckets = 5, int minWindowLength = 5, int gracePeriod = 10) =>
        new AdwinDetector(delta, clock, maxBuckets, minWindowLength, gracePeriod);

    /// <summary>
    /// Creates a Page-Hinkley detector (Page 1954): cumulative deviations from the running mean, less a
    /// tolerance <paramref name="delta"/> and faded by <paramref name="alpha"/>; a drift when they move
    /// more than <paramref name="threshold"/> from their extreme. No warning zone.
    /// </summary>
    /// <param name="minInstances">Values read before the detector may detect; at least 1. The default value is 30.</param>
    /// <param name="delta">Tolerated deviation per value, in the stream's unit; zero or positive. The default value is 0.005.</param>
    /// <param name="threshold">Cumulative deviation that is a drift (λ), in the stream's unit; positive. The default value is 50.</param>
    /// <param name="alpha">Fading factor of the sums, in (0, 1]. The default value is 1 − 0.0001.</param>
    /// <param name="direction">The changes of the mean reported. The default value is <see cref="DriftDirection.Both"/>.</param>
    /// <returns>A new detector.</returns>
    public static IStreamingDriftDetector PageHinkley(int minInstances = 30, double delta = 0.005, double threshold = 50.0, double alpha = 1 - 0.0001, DriftDirection direction = DriftDirection.Both) =>
        new PageHinkleyDetector(minInstances, delta, threshold, alpha, direction);

    /// <summary>
    /// Creates a KSWIN detector (Kolmogorov-Smirnov windowing, Raab et al. 2020): once its window is
    /// full, every value compares the newest <paramref name="statSize"/> values with as many drawn at
    /// random from the older part of the window; a drift when the exact two-sample Kolmogorov-Smirnov
    /// p-value is at most <paramref name="alpha"/> and the statistic above 0.1. No warning zone.
    /// </summary>
    /// <remarks>
    /// The draws are random, so where KSWIN detects depends on <paramref name="seed"/>. They come from
    /// a generator that reproduces Python's <c>random.Random(seed)</c>, reseeded at every reset, so a
    /// detector with a given seed detects where River's KSWIN with the same seed does. River's default
    /// seed is none (different on every run); here it is fixed so runs are reproducible.
    /// </remarks>
    /// <param name="alpha">Significance of the test, in (0, 1); River advises below 0.01. The default value is 0.005.</param>
    /// <param name="windowSize">Values in the sliding window, in [2, 20000]. The default value is 100.</param>
    /// <param name="statSize">Values in each compared sample, in [1, <paramref name="windowSize"/> / 2]. The default value is 30.</param>
    /// <param name="seed">Seed of the random draws (its absolute value is used, as Python does). The default value is 42.</param>
    /// <returns>A new detector.</returns>
    public static IStreamingDriftDetector Kswin(double alpha = 0.005, int windowSize = 100, int statSize = 30, int seed = 42) =>
        new KswinDetector(alpha, windowSize, statSize, seed);
}
