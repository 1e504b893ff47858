namespace ModelMonitoring.Drift.Streaming;

/// <summary>Argument checks shared by the detectors; each names the factory parameter it checks.</summary>
internal static class StreamingArguments
{
    public static void AtLeast(int value, int minimum, string name)
    {
        if (value < minimum)
        {
            throw new ArgumentOutOfRangeException(name, value, $"'{name}' must be at least {minimum}.");
        }
    }

    public static void Between(int value, int minimum, int maximum, string name)
    {
        if (value < minimum || value > maximum)
        {
            throw new ArgumentOutOfRangeException(name, value, $"'{name}' must lie in [{minimum}, {maximum}].");
        }
    }

    public static void Positive(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"'{name}' must be positive and finite.");
        }
    }

    public static void NonNegative(double value, string name)
    {
        if (!(value >= 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"'{name}' must be zero or positive and finite.");
        }
    }

    /// <summary>Checks that the value lies in (0, 1), or (0, 1] when <paramref name="oneAllowed"/>.</summary>
    public static void Probability(double value, string name, bool oneAllowed = false)
    {
        if (!(value > 0) || value > 1 || (value == 1 && !oneAllowed))
        {
            var range = oneAllowed ? "(0, 1]" : "(0, 1)";
            throw new ArgumentOutOfRangeException(name, value, $"'{name}' must lie in {range}.");
        }
    }

    public static void NotBelow(double value, double other, string name, string otherName)
    {
        if (value < other)
        {
            throw new ArgumentOutOfRangeException(name, value, $"'{name}' must be at least '{otherName}' ({other}).");
        }
    }

    public static void Defined(DriftDirection direction, string name)
    {
        if (direction is not (DriftDirection.Increase or DriftDirection.Decrease or DriftDirection.Both))
        {
            throw new ArgumentOutOfRangeException(name, direction, $"'{name}' must be Increase, Decrease or Both.");
        }
    }
}
