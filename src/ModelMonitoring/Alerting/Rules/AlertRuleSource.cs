namespace ModelMonitoring.Alerting;

/// <summary>Where an alert rule comes from, which decides whether it can be changed at run time.</summary>
public enum AlertRuleSource
{
    /// <summary>Declared in <see cref="AlertingOptions.Rules"/> (code or configuration); read-only at run time.</summary>
    Configuration = 0,

    /// <summary>Added at run time through <see cref="IAlertManager.AddRuleAsync"/>; kept in the rule store and changeable.</summary>
    Runtime = 1,
}
