using BenchmarkDotNet.Running;


if (args.Length > 0 && args[0] == "memory")
{
    await ModelMonitoring.Benchmarks.MemorySoak.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000_000);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
