// An ML.NET model monitored with attributions from ModelMonitoring's built-in Kernel SHAP explainer, run by the
// background worker on a sample of the recorded predictions.
//
//   dotnet run --project samples/MlNetExplainability
//
// The data is the diabetes data set shipped with scikit-learn (data/README.md): 442 patients, ten baseline variables,
// disease progression a year later. The first 300 rows train an SDCA linear regression (ML.NET, one thread, seeded);
// the other 142 are served as "production" traffic and recorded; the worker explains a sample of them.
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using ModelMonitoring;
using ModelMonitoring.Explainability;
using ModelMonitoring.Recording;

var (features, rows, targets) = Diabetes.Load(Path.Combine(AppContext.BaseDirectory, "data", "diabetes.csv"));
const int Training = 300;

// 1. Train with ML.NET.
var ml = new MLContext(seed: 1);
var training = ml.Data.LoadFromEnumerable(Enumerable.Range(0, Training).Select(i => new Patient { Features = [.. rows[i].Select(v => (float)v)], Label = (float)targets[i] }));
var pipeline = ml.Transforms.NormalizeMeanVariance("Features")
    .Append(ml.Regression.Trainers.Sdca(new Microsoft.ML.Trainers.SdcaRegressionTrainer.Options { NumberOfThreads = 1, MaximumNumberOfIterations = 200 }));
var trained = pipeline.Fit(training);
var engine = ml.Model.CreatePredictionEngine<Patient, Progression>(trained);
double Predict(ReadOnlySpan<double> row)
{
    var input = new Patient { Features = new float[row.Length] };
    for (var j = 0; j < row.Length; j++)
    {
        input.Features[j] = (float)row[j];
    }

    return engine.Predict(input).Score;
}

// 2. The explainer: the ML.NET model as a batch predictor, 100 training rows as the background (exact Shapley values for 10 features).
var background = rows.Take(100).SelectMany(r => r).ToArray();
var explainer = new KernelShapExplainer(
    (batch, outputs) =>
    {
        for (var i = 0; i < outputs.Length; i++)
        {
            outputs[i] = Predict(batch.Slice(i * features.Length, features.Length));
        }
    },
    background,
    features.Length);

// 3. Monitoring on SQLite, explaining 10 % of the predictions, at most 4 a worker cycle.
File.Delete("mlnet.db");
await using var monitoring = MonitoringPipeline.Create(b => b
    .Configure(o => o.AddModel("diabetes", m => m
        .Version("sdca-1")
        .NumericFeatures(features)
        .ExplainInBackground(explainer, e =>
        {
            e.SampleRate = 0.1;
            e.MaxExplanationsPerCycle = 4;
            e.Seed = 7;
        })))
    .UseSqlite("mlnet.db"));
var monitor = monitoring.GetMonitor("diabetes");
var served = new List<(PredictionId Id, double Prediction, int Row)>();
for (var i = Training; i < rows.Length; i++)
{
    var prediction = Predict(rows[i]);
    var id = monitor.RecordPrediction(new Prediction { NumericFeatures = rows[i], PredictedValue = prediction });
    monitor.RecordGroundTruth(id, targets[i]);
    served.Add((id, prediction, i));
}

// Each flush is one worker cycle; flush until the queue of sampled predictions is empty.
long explained;
do
{
    explained = monitoring.GetStatistics().BackgroundExplanations;
    await monitoring.FlushAsync();
}
while (monitoring.GetStatistics().BackgroundExplanations > explained);

var statistics = monitoring.GetStatistics();
Console.WriteLine($"Served {served.Count} predictions; the worker explained {statistics.BackgroundExplanations} of them (skipped {statistics.BackgroundExplanationsSkipped}).");

// 4. One explanation, read back from the store.
var stored = new List<(int Row, IReadOnlyList<double> Attributions, double Base, double Prediction)>();
foreach (var (id, prediction, row) in served)
{
    if (await monitoring.Reader.GetExplanationAsync(id) is { Attributions: { } attributions, BaseValue: { } baseValue })
    {
        stored.Add((row, attributions, baseValue, prediction));
    }
}

var first = stored[0];
Console.WriteLine();
Console.WriteLine($"Explanation of patient {first.Row} (from the store): predicted progression {first.Prediction:F1}, base value {first.Base:F1}");
foreach (var j in Enumerable.Range(0, features.Length).OrderByDescending(j => Math.Abs(first.Attributions[j])))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {features[j],-4} = {rows[first.Row][j],8:G5}   {Signed(first.Attributions[j]),8}"));
}

Console.WriteLine($"  base + attributions = {first.Base + first.Attributions.Sum():F3} (the prediction, {first.Prediction:F3})");

// 5. Feature importance: mean |attribution| over the explained predictions.
Console.WriteLine();
Console.WriteLine($"Feature importance (mean |attribution| over {stored.Count} explained predictions):");
foreach (var (name, importance) in features.Select((f, j) => (f, stored.Average(s => Math.Abs(s.Attributions[j])))).OrderByDescending(p => p.Item2))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-4} {importance,8:F2}"));
}

static string Signed(double value) => (value >= 0 ? "+" : "-") + Math.Abs(value).ToString("F1", CultureInfo.InvariantCulture);

/// <summary>One patient as ML.NET reads it.</summary>
internal sealed class Patient
{
    [VectorType(10)]
    public float[] Features { get; set; } = [];

    public float Label { get; set; }
}

/// <summary>The model's output.</summary>
internal sealed class Progression
{
    public float Score { get; set; }
}

/// <summary>Reads data/diabetes.csv (written by data/export_diabetes.py).</summary>
internal static class Diabetes
{
    public static (string[] Features, double[][] Rows, double[] Targets) Load(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        return (header[..^1], [.. rows.Select(r => r[..^1])], [.. rows.Select(r => r[^1])]);
    }
}
