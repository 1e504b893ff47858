namespace FraudDetection;

/// <summary>
/// A small logistic-regression fraud model computed in code, and the "world" that produces the true
/// labels. Midway through the run the world changes (fraudsters adapt: the amount no longer gives
/// them away) while the model does not, so accuracy drops; the service also gets slower, and the
/// traffic itself shifts (larger amounts, more transactions from Brazil): a covariate shift.
/// </summary>
internal sealed class FraudModel
{
    public static readonly string[] NumericFeatures = ["amount", "age", "account_age_days", "tx_last_hour"];
    public static readonly string[] CategoricalFeatures = ["country"];
    private static readonly string[] Countries = ["NL", "DE", "FR", "US", "BR"];
    private readonly Random _random = new(20261122);

    public bool Degraded { get; set; }

    /// <summary>Draws one transaction.</summary>
    public (double[] Numeric, string Country) NextTransaction()
    {
        var amount = Math.Exp((Degraded ? 4.2 : 3.5) + (1.2 * Normal()));
        var age = Math.Clamp(40 + (12 * Normal()), 18, 90);
        var accountAge = Math.Max(0, 700 + (400 * Normal()));
        var txLastHour = Math.Max(0, Math.Round(1 + (1.5 * Normal())));
        var country = Degraded && _random.NextDouble() < 0.3 ? "BR" : Countries[_random.Next(Countries.Length)];
        return ([amount, age, accountAge, txLastHour], country);
    }

    /// <summary>The model: fraud probability from the features.</summary>
    public static double Score(ReadOnlySpan<double> x) =>
        Sigmoid(-4.0 + (0.012 * x[0]) - (0.002 * x[2]) + (0.9 * x[3]));

    /// <summary>The truth: before the change it follows the model closely; after, amount stops mattering and age starts to.</summary>
    public bool IsFraud(ReadOnlySpan<double> x)
    {
        var logit = Degraded
            ? -4.0 + (0.05 * (60 - x[1])) - (0.002 * x[2]) + (0.9 * x[3]) + 3.0
            : -4.0 + (0.012 * x[0]) - (0.002 * x[2]) + (0.9 * x[3]);
        return _random.NextDouble() < Sigmoid(logit * 3);
    }

    /// <summary>How long the model took: about 4 ms, about 25 ms once degraded.</summary>
    public TimeSpan Latency() =>
        TimeSpan.FromMilliseconds(Math.Max(0.2, (Degraded ? 25 : 4) + ((Degraded ? 6 : 1) * Normal())));

    /// <summary>Whether this call fails (1 % of calls, 6 % once degraded).</summary>
    public bool Fails() => _random.NextDouble() < (Degraded ? 0.06 : 0.01);

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    private double Normal() => Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
}
