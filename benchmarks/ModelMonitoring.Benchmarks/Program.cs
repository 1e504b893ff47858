using BenchmarkDotNet.Running;

// Three plain harnesses sit beside the BenchmarkDotNet suite: "memory" (managed memory under millions of
// records), "scaling" (one vs two recording threads without BenchmarkDotNet's processes around) and
// "paired" (recording against OpenTelemetry's histogram in alternating rounds of one process); "sqlite-layout"
// compares the SQLite write path of schema version 5 with version 4's in alternating rounds; "timing" compares
// the timing wrapper with RecordPrediction and with hand-written Stopwatch timing in alternating rounds;
// "postgres-phases" times the phases of the PostgreSQL provider's write of one batch.
// "postgres-ingest" compares the PostgreSQL provider's sink with a plain binary COPY of the same rows in alternating rounds.
switch (args.FirstOrDefault())
{
    case "memory":
        await ModelMonitoring.Benchmarks.MemorySoak.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000_000);
        break;
    case "paired":
        ModelMonitoring.Benchmarks.PairedComparison.Run();
        break;
    case "sqlite-layout":
        ModelMonitoring.Benchmarks.SqliteLayoutComparison.Run(
            args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200,
            args.Contains("categorical"));
        break;
    case "timing":
        ModelMonitoring.Benchmarks.TimingComparison.Run();
        break;
    case "postgres-phases":
        await ModelMonitoring.Benchmarks.PostgreSql.PostgreSqlWritePhases.RunAsync(
            args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100,
            args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 4_096);
        break;
    case "postgres-ingest":
        await ModelMonitoring.Benchmarks.PostgreSql.PostgreSqlIngestComparison.RunAsync(
            args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200,
            args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 4_096);
        break;
    case "scaling":
        ModelMonitoring.Benchmarks.ThreadScaling.Run();
        break;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        break;
}
