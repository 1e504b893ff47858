namespace WebInference;

/// <summary>
/// The model this service serves: a logistic regression over three transaction features with fixed coefficients (the
/// same shape as the FraudDetection sample's model). Deterministic, so a prediction can be checked by hand.
/// </summary>
public static class FraudScorer
{
    public static readonly string[] Features = ["amount", "age", "tx_last_hour"];

    /// <summary>The probability that the transaction is fraud.</summary>
    public static double Score(double amount, double age, double txLastHour)
    {
        var logit = -4.0 + (0.004 * amount) - (0.02 * (age - 40)) + (0.35 * txLastHour);
        return 1 / (1 + Math.Exp(-logit));
    }
}
