namespace ModelMonitoring.Alerting;

/// <summary>What a metric rule compares with its limit.</summary>
public enum RuleSubject
{
    /// <summary>The window's value of the metric.</summary>
    Value = 0,

    /// <summary>The signed relative change from the baseline, <c>(value - baseline) / |baseline|</c>: 0.5 is 50 % above.</summary>
    ChangeFromBaseline = 1,

    /// <summary>The relative change from the baseline in either direction, <c>|value - baseline| / |baseline|</c>.</summary>
    AbsoluteChangeFromBaseline = 2,
}
