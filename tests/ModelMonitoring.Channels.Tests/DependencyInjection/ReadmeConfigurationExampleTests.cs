using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelMonitoring.Alerting;
using ModelMonitoring.Sqlite;

namespace ModelMonitoring.Channels.Tests.DependencyInjection;

/// <summary>
/// The full <c>appsettings.json</c> example of the root README, read from the README itself, binds
/// through the documented calls and passes start-up validation, so the example cannot rot.
/// </summary>
public sealed class ReadmeConfigurationExampleTests
{
    private const string Heading = "### Configuration from appsettings.json";

    [Fact]
    public void RootReadmeJsonExample_BindsModelsAlertingStorageAndChannels_AndPassesStartupValidation()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(ReadmeExample())))
            .Build();
        var section = configuration.GetSection("ModelMonitoring");
        var services = new ServiceCollection().AddLogging();
        services.AddModelMonitoring(section)
            .UseSqlite(section.GetSection("Storage:Sqlite"))
            .AddChannels(section.GetSection("Channels"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ModelMonitoringOptions>>().Value; // runs every validator
        var fraud = options.Models.ShouldHaveSingleItem();
        fraud.Name.ShouldBe("fraud");
        options.Alerting.Rules.ShouldNotBeEmpty();
        options.Alerting.Policies["model_failure"].Suppression.ShouldNotBeNull().MaxNotifications.ShouldBe(3);
        options.Alerting.Policies["drift.*"].Escalation.ShouldNotBeNull().ShouldHaveSingleItem().Channels.ShouldBe(["slack"]);
        provider.GetRequiredService<IOptions<SqliteStorageOptions>>().Value.Path.ShouldBe("monitoring.db");
        provider.GetServices<IAlertChannel>().Select(c => c.Name).ShouldBe(["logger", "slack", "email", "ops"], ignoreOrder: true);
    }

    private static string ReadmeExample()
    {
        var readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Documented", "RootReadme.md"));
        var start = readme.IndexOf(Heading, StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0, $"README.md has no '{Heading}' section.");
        var open = readme.IndexOf("```jsonc\n", start, StringComparison.Ordinal) + "```jsonc\n".Length;
        var close = readme.IndexOf("```", open, StringComparison.Ordinal);
        return readme[open..close];
    }
}
