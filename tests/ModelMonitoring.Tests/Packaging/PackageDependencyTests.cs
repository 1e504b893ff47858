using System.Text.Json;

namespace ModelMonitoring.Tests.Packaging;

/// <summary>
/// Reads the libraries' restore results (obj/project.assets.json, what the packages' nuspec dependency groups
/// are made from, with everything they pull in transitively), so a reference that drags the full container or
/// 10.x packages into a consumer fails here rather than in the consumer's build.
/// </summary>
public class PackageDependencyTests
{
    private static readonly string[] Libraries = ["ModelMonitoring", "ModelMonitoring.Sqlite", "ModelMonitoring.Channels", "ModelMonitoring.Standalone", "ModelMonitoring.PostgreSql"];

    [Fact]
    public void CorePackage_DependsOnDependencyInjectionAbstractions_NotOnTheContainer()
    {
        foreach (var (framework, packages) in Targets("ModelMonitoring"))
        {
            packages.Keys.ShouldContain("Microsoft.Extensions.DependencyInjection.Abstractions", framework);
            packages.Keys.ShouldNotContain("Microsoft.Extensions.DependencyInjection", $"{framework}: the core must not bring the full service container");
        }
    }

    [Theory]
    [MemberData(nameof(LibraryNames))]
    public void LibraryNet8Build_TakesOnly8xMicrosoftExtensionsPackages(string library)
    {
        var net8 = Targets(library).Single(t => t.Framework.StartsWith("net8.0", StringComparison.Ordinal)).Packages;

        var newer = net8.Where(p => p.Key.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) && !p.Value.StartsWith("8.", StringComparison.Ordinal))
            .Select(p => $"{p.Key} {p.Value}")
            .ToList();

        newer.ShouldBeEmpty();
    }

    public static TheoryData<string> LibraryNames() => [.. Libraries];

    private static IEnumerable<(string Framework, Dictionary<string, string> Packages)> Targets(string project)
    {
        var assets = Path.Combine(RepositoryRoot(), "src", project, "obj", "project.assets.json");
        File.Exists(assets).ShouldBeTrue($"{assets} is written by restore");
        using var document = JsonDocument.Parse(File.ReadAllText(assets));
        foreach (var target in document.RootElement.GetProperty("targets").EnumerateObject())
        {
            var packages = target.Value.EnumerateObject()
                .Where(l => l.Value.GetProperty("type").GetString() == "package")
                .Select(l => l.Name.Split('/'))
                .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
            yield return (target.Name, packages);
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ModelMonitoring.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("ModelMonitoring.sln not found above " + AppContext.BaseDirectory);
    }
}
