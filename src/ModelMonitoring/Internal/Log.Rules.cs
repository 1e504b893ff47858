using Microsoft.Extensions.Logging;

namespace ModelMonitoring.Internal;

/// <summary>The log messages of alert rules managed at run time (event ids 160 to 169).</summary>
internal static partial class Log
{
    [LoggerMessage(160, LogLevel.Information, "Alert rule {Rule} was added at run time by {By}: {Definition}. It applies from the next evaluation.")]
    public static partial void AlertRuleAdded(ILogger logger, string rule, string by, string definition);

    [LoggerMessage(161, LogLevel.Information, "Alert rule {Rule} was updated at run time by {By}: {Definition}. It applies from the next evaluation.")]
    public static partial void AlertRuleUpdated(ILogger logger, string rule, string by, string definition);

    [LoggerMessage(162, LogLevel.Information, "Alert rule {Rule} was {Change} at run time by {By}; {Resolved} active alert(s) of it were resolved.")]
    public static partial void AlertRuleSwitched(ILogger logger, string rule, string change, string by, int resolved);

    [LoggerMessage(163, LogLevel.Warning, "The alert rule store could not be read; run-time alert rules are not applied yet, and loading them is tried again on the next cycle.")]
    public static partial void AlertRuleStoreLoadFailed(ILogger logger, Exception exception);

    [LoggerMessage(164, LogLevel.Warning, "The stored run-time alert rule {Rule} is not applied: {Problems} Update or delete it.")]
    public static partial void AlertRuleNotApplied(ILogger logger, string rule, string problems);

    [LoggerMessage(165, LogLevel.Information, "Loaded {Count} run-time alert rule(s) from the rule store.")]
    public static partial void AlertRulesLoaded(ILogger logger, int count);

    [LoggerMessage(166, LogLevel.Warning, "The run-time alert rule {Rule} is not applied while a rule of the same name comes from configuration, which takes precedence; delete the run-time rule or rename one of them.")]
    public static partial void AlertRuleShadowed(ILogger logger, string rule);
}
