using ModelMonitoring.Alerting;
using ModelMonitoring.Channels.Internal.Console;
using ModelMonitoring.Channels.Tests.Infrastructure;

namespace ModelMonitoring.Channels.Tests.Console;

public class ConsoleChannelTests
{
    private const string Escape = "\u001b";

    [Fact]
    public async Task SendAsync_WritesOneLinePerAlert()
    {
        var output = new StringWriter();
        var channel = new ConsoleAlertChannel("console", new ConsoleChannelOptions { Writer = output, UseColors = false }, noColor: null);

        await channel.SendAsync(TestAlerts.Firing(), CancellationToken.None);
        await channel.SendAsync(TestAlerts.Acknowledged(AlertSeverity.Warning), CancellationToken.None);
        await channel.SendAsync(TestAlerts.Resolved(), CancellationToken.None);

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldBe(
        [
            "2026-01-01T11:59:00Z CRITICAL firing fraud 1.4.0 (production) error_rate.max: Error rate 0.12 is above 0.05 [error_rate = 0.12 (threshold 0.05, baseline 0.01)] id=alrt-0001",
            "2026-01-01T12:00:00Z WARNING acknowledged fraud 1.4.0 (production) error_rate.max: Error rate 0.12 is above 0.05 [error_rate = 0.12 (threshold 0.05, baseline 0.01)] acknowledged by alice id=alrt-0001",
            "2026-01-01T12:05:00Z CRITICAL resolved fraud 1.4.0 (production) error_rate.max: Error rate 0.03 is back within 0.05 [error_rate = 0.03 (threshold 0.05, baseline 0.01)] id=alrt-0001",
        ]);
    }

    [Fact]
    public async Task SendAsync_ApplicationAlert_ShowsItsMetadata_SecretValuesAsStars()
    {
        var output = new StringWriter();
        var channel = new ConsoleAlertChannel("console", new ConsoleChannelOptions { Writer = output, UseColors = false }, noColor: null);
        var alert = TestAlerts.Firing() with
        {
            Name = "model_failure",
            Message = "fraud model failed to load",
            Metric = null,
            Value = null,
            Threshold = null,
            Baseline = null,
            Metadata = new Dictionary<string, string> { ["path"] = "/models/fraud.onnx", ["apiKey"] = "sk-live-0123", ["token"] = "t0k3n", ["note"] = "two\nlines" },
        };

        await channel.SendAsync(alert, CancellationToken.None);

        output.ToString().TrimEnd().ShouldBe(
            "2026-01-01T11:59:00Z CRITICAL firing fraud 1.4.0 (production) model_failure: fraud model failed to load {path=/models/fraud.onnx, apiKey=***, token=***, note=two lines} id=alrt-0001");
    }

    [Theory]
    [InlineData(AlertSeverity.Critical, AlertState.Firing, "\u001b[31m")]
    [InlineData(AlertSeverity.Warning, AlertState.Firing, "\u001b[33m")]
    [InlineData(AlertSeverity.Critical, AlertState.Resolved, "\u001b[32m")]
    [InlineData(AlertSeverity.Warning, AlertState.Acknowledged, "\u001b[33m")]
    public async Task SendAsync_ColoursTheLineBySeverity_ResolvedGreen(AlertSeverity severity, AlertState state, string color)
    {
        var output = new StringWriter();
        var channel = new ConsoleAlertChannel("console", new ConsoleChannelOptions { Writer = output }, noColor: null);

        await channel.SendAsync(TestAlerts.Firing(severity) with { State = state }, CancellationToken.None);

        var line = output.ToString().TrimEnd();
        line.ShouldStartWith(color + "2026-");
        line.ShouldEndWith(Escape + "[0m");
    }

    [Fact]
    public async Task SendAsync_Info_UsesTheDefaultColour()
    {
        var output = new StringWriter();
        var channel = new ConsoleAlertChannel("console", new ConsoleChannelOptions { Writer = output }, noColor: null);

        await channel.SendAsync(TestAlerts.Firing(AlertSeverity.Info), CancellationToken.None);

        output.ToString().ShouldNotContain(Escape);
        output.ToString().ShouldContain(" INFO firing ");
    }

    [Fact]
    public async Task SendAsync_ColoursOff_WritesNoEscapes()
    {
        var output = new StringWriter();
        var channel = new ConsoleAlertChannel("console", new ConsoleChannelOptions { Writer = output, UseColors = false }, noColor: null);

        await channel.SendAsync(TestAlerts.Firing(), CancellationToken.None);

        output.ToString().ShouldNotContain(Escape);
    }

    [Fact]
    public async Task SendAsync_NoColorSet_WritesNoEscapes()
    {
        var output = new StringWriter();
        var channel = new ConsoleAlertChannel("console", new ConsoleChannelOptions { Writer = output, UseColors = true }, noColor: "1");

        await channel.SendAsync(TestAlerts.Firing(), CancellationToken.None);

        output.ToString().ShouldNotContain(Escape);
    }

    [Theory]
    [InlineData(true, null, true)]
    [InlineData(true, "", true)]
    [InlineData(true, "1", false)]
    [InlineData(true, "false", false)]
    [InlineData(false, null, false)]
    public void UseColors_FollowsTheOptionAndNoColor(bool option, string? noColor, bool expected)
    {
        ConsoleLine.UseColors(option, noColor).ShouldBe(expected);
    }

    [Fact]
    public async Task SendAsync_ControlCharactersInTheAlert_CannotBreakTheLineOrDriveTheTerminal()
    {
        var output = new StringWriter();
        var channel = new ConsoleAlertChannel("console", new ConsoleChannelOptions { Writer = output, UseColors = false }, noColor: null);

        await channel.SendAsync(TestAlerts.Firing() with { Message = "first\r\nsecond \u001b[2J\u009b31m cleared", Model = "m\u0007" }, CancellationToken.None);

        var text = output.ToString();
        text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).ShouldHaveSingleItem();
        text.ShouldNotContain(Escape);
        text.ShouldNotContain("\u009b");
        text.ShouldNotContain("\u0007");
        text.ShouldContain("first  second  [2J 31m cleared");
    }

    [Fact]
    public async Task AddConsoleChannel_RegistersAChannelNamedConsole_ThatWritesToTheConfiguredWriter()
    {
        var output = new StringWriter();
        await using var host = ChannelHost.Create(builder => builder.AddConsoleChannel(o => o.Writer = output));

        await host.Channel("console").SendAsync(TestAlerts.Firing(), CancellationToken.None);

        output.ToString().ShouldContain("CRITICAL firing fraud");
    }

    [Fact]
    public async Task SendAsync_ByDefault_WritesToConsoleOut()
    {
        var output = new StringWriter();
        var original = System.Console.Out;
        System.Console.SetOut(output);
        try
        {
            var channel = new ConsoleAlertChannel("console", new ConsoleChannelOptions { UseColors = false }, noColor: null);

            await channel.SendAsync(TestAlerts.Firing(), CancellationToken.None);
        }
        finally
        {
            System.Console.SetOut(original);
        }

        output.ToString().ShouldContain("CRITICAL firing fraud");
    }
}
