using ModelMonitoring.Sqlite.Tests.Processes;

namespace ModelMonitoring.Sqlite.Tests;

/// <summary>
/// The entry point, used only when a test starts this assembly as a child process
/// (<c>dotnet ModelMonitoring.Sqlite.Tests.dll crash-writer &lt;db&gt; &lt;tag&gt;</c>); the test runner does not call it.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is [CrashWriter.Command, var path, var tag])
        {
            await CrashWriter.RunAsync(path, tag);
            return 0;
        }

        return 0;
    }
}
