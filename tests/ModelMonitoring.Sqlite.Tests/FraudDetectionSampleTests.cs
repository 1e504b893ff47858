using FraudDetection;

namespace ModelMonitoring.Sqlite.Tests;

/// <summary>
/// Runs samples/FraudDetection (built with this project, the same configuration) as a process with its
/// output redirected, as a user piping it to a file would, and checks what it prints and what it stores.
/// The sample runs on the real clock for about 25 seconds.
/// </summary>
public sealed class FraudDetectionSampleTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Sample_WithRedirectedOutput_PrintsNoEscapeCodes_ExplainsItsNumbers_AndItsQueriesRunOnTheFileItWrote()
    {
        var (exitCode, output) = await RunSampleAsync();

        exitCode.ShouldBe(0, output);
        output.ShouldNotContain('\u001b');
        output.ShouldContain("Received counts every record, and labels are records too: 15,000 predictions + ");
        output.ShouldContain("Two accuracies below, and why they differ:");
        output.ShouldContain("a check reports DATASET DRIFT when the share of drifted features is at least");
        output.ShouldContain("DriftShare = 40 % (5 features here, so 2 or more)");
        output.ShouldMatch(@"\] [0-5]/5 drifted = \d+ % +(DATASET DRIFT|no drift)");
        output.ShouldMatch(@"\[\d\d\.\d s\] (WARNING|CRITICAL) +firing +threshold\.\w+: \w+ = [0-9.]+ is (above|below) its (maximum|minimum) [0-9.]+\.");
        output.ShouldNotContain("(threshold ");
        output.ShouldMatch(@"Explanation of prediction [0-9a-f]{32} \(from the store\):\r?\n  attributions \(logit\), base value -3\.504: amount \+2\.184, age \+0\.000, account_age_days \+1\.160, tx_last_hour \+2\.520, country \+0\.000");
        output.ShouldContain("LIME weights, intercept -3.90, local R² 0.93: amount +0.011");
        output.ShouldContain("importance.versions.spearman         0.100");
        output.ShouldContain("rank changes (positive: more important): ");
        output.ShouldMatch(@"firing +importance\.versions\.top_k: top 3 features from version 1\.4\.0 to 1\.5\.0: amount, tx_last_hour, account_age_days -> account_age_days, tx_last_hour, age");
        output.ShouldContain(SqlExamples.PerSecond.ReplaceLineEndings());
        output.ShouldContain(SqlExamples.FeaturesPerMinute.ReplaceLineEndings());
        output.ShouldMatch(@"realized\.accuracy [0-9.]+ % over \d windows vs [0-9.]+ % over \d: degradation +[0-9.]+ %, t = +[0-9.]+, df = +[0-9.]+, p = \S+, DRIFT \((Warning|Critical)\)");
        output.ShouldMatch(@"concept\.performance\.realized\.accuracy +(Warning|Critical) +fired");
        output.ShouldMatch(@"concept\.ddm +Warning +fired");
        output.ShouldMatch(@"estimated accuracy [0-9.]+ % \(band [0-9.]+ % to [0-9.]+ %\) +realized accuracy: not known yet");
        output.ShouldMatch(@"alert estimated\.accuracy: fraud: estimated\.accuracy = [0-9.]+ left the reference's band");
        output.ShouldMatch(@"estimated accuracy [0-9.]+ % +realized accuracy [0-9.]+ % from 2,000 labels");
        output.ShouldMatch(@"window \d\d:\d\d  estimated accuracy [0-9.]+ % +estimated macro ROC AUC 0\.\d{3}");
        output.ShouldMatch(@"alert estimated\.accuracy: triage: estimated\.accuracy = [0-9.]+ left the reference's band");
        output.ShouldMatch(@"triage window \d\d:\d\d  realized accuracy [0-9.]+ % +realized macro ROC AUC 0\.\d{3} +log loss \d\.\d{3} from 2,000 labels");

        var database = _directory.File("monitoring.db");
        var seconds = SqlViewTests.Query(database, SqlExamples.PerSecond);
        var features = SqlViewTests.Query(database, SqlExamples.FeaturesPerMinute);
        // 15,000 simulated predictions and the one the explainability demo explains.
        seconds.Sum(row => (long)row[1]!).ShouldBe(15_001);
        seconds.ShouldContain(row => (double)row[3]! > 20, "the slow seconds of the incident");
        features.Where(row => (string)row[1]! == "amount").Sum(row => (long)row[2]!).ShouldBe(15_001);

        // The HTML report of the run: the numeric features' distributions and the run's alerts on the timeline.
        output.ShouldContain("HTML report of this run: ");
        var report = await File.ReadAllTextAsync(_directory.File("fraud-report.html"));
        report.ShouldStartWith("<!doctype html>");
        System.Text.RegularExpressions.Regex.Count(report, "<svg class=\"histogram\"").ShouldBe(4); // amount, age, account_age_days, tx_last_hour
        report.ShouldMatch("class=\"timeline\" data-alerts=\"[1-9][0-9]*\"");
    }

    private async Task<(int ExitCode, string Output)> RunSampleAsync()
    {
        var (exitCode, output, error) = await SampleProcess.RunAsync("FraudDetection", _directory.Path, TimeSpan.FromMinutes(5));
        return (exitCode, output + error);
    }
}
