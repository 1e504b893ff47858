namespace ModelMonitoring.Statistics;

/// <summary>Argument checks shared by the statistics layer.</summary>
internal static class SampleGuard
{
    public static void NotEmpty(int count, string paramName)
    {
        if (count == 0)
        {
            throw new ArgumentException("The sample must contain at least one value.", paramName);
        }
    }

    public static void AtLeast(int count, int minimum, string paramName, string method)
    {
        if (count < minimum)
        {
            throw new ArgumentException(
                $"{method} needs at least {minimum} values in each sample; the {paramName} sample has {count}.", paramName);
        }
    }

    public static void Finite(ReadOnlySpan<double> values, string paramName)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw NotFinite(values[i], i, paramName);
            }
        }
    }

    public static ArgumentException NotFinite(double value, int index, string paramName) =>
        new($"The sample contains a non-finite value ({value}) at index {index}; NaN and infinities are not allowed.", paramName);

    public static void Counts(ReadOnlySpan<long> reference, ReadOnlySpan<long> current)
    {
        if (reference.Length != current.Length)
        {
            throw new ArgumentException(
                $"The count vectors must cover the same categories; got {reference.Length} and {current.Length}.", nameof(current));
        }

        NonNegativeWithData(reference, nameof(reference));
        NonNegativeWithData(current, nameof(current));
    }

    private static void NonNegativeWithData(ReadOnlySpan<long> counts, string paramName)
    {
        long total = 0;
        foreach (var count in counts)
        {
            if (count < 0)
            {
                throw new ArgumentException("Counts must not be negative.", paramName);
            }

            total += count;
        }

        if (total == 0)
        {
            throw new ArgumentException("The counts must contain at least one observation.", paramName);
        }
    }
}
