using System.Text;
using ModelMonitoring.Alerting;
using ModelMonitoring.Channels.Internal.Email;
using ModelMonitoring.Channels.Internal.PagerDuty;
using ModelMonitoring.Channels.Internal.Slack;
using ModelMonitoring.Channels.Tests.Infrastructure;

namespace ModelMonitoring.Channels.Tests.Security;

/// <summary>Every channel shows an application alert's metadata, and never the value of a secret-looking key.</summary>
public sealed class MetadataRedactionTests
{
    private const string Secret = "s3cr3t-value-never-shown";

    private static Alert WithMetadata() => TestAlerts.Firing() with
    {
        Name = "model_failure",
        Metadata = new Dictionary<string, string> { ["path"] = "/models/fraud.onnx", ["api_key"] = Secret, ["Password"] = Secret },
    };

    [Fact]
    public void Slack_ShowsTheMetadataAsADetailsField_SecretsAsStars()
    {
        var message = SlackMessageBuilder.Build(WithMetadata());

        var details = message.Attachments.ShouldHaveSingleItem().Fields.Single(f => f.Title == "Details");
        details.Value.ShouldBe("path: /models/fraud.onnx\napi_key: ***\nPassword: ***");
    }

    [Fact]
    public void PagerDuty_PutsTheMetadataInCustomDetails_SecretsAsStars()
    {
        var body = Encoding.UTF8.GetString(new PagerDutyEventBuilder(new PagerDutyChannelOptions { RoutingKey = "0123456789abcdef0123456789abcdef" }).Build(WithMetadata(), out _));

        body.ShouldContain("\"metadata\":{\"path\":\"/models/fraud.onnx\",\"api_key\":\"***\",\"Password\":\"***\"}");
        body.ShouldNotContain(Secret);
    }

    [Fact]
    public void Email_ListsTheMetadataInTheBody_SecretsAsStars()
    {
        var body = EmailMessageBuilder.Body(WithMetadata());

        body.ShouldContain("path:" + new string(' ', 13) + "/models/fraud.onnx\r\n");
        body.ShouldContain("api_key:" + new string(' ', 10) + "***\r\n");
        body.ShouldNotContain(Secret);
    }

    [Theory]
    [InlineData("password", true)]
    [InlineData("db_passwd", true)]
    [InlineData("Client-Secret", true)]
    [InlineData("access_token", true)]
    [InlineData("API_KEY", true)]
    [InlineData("apikey", true)]
    [InlineData("authorization", true)]
    [InlineData("aws.credentials", true)]
    [InlineData("ConnectionString", true)]
    [InlineData("private key", true)]
    [InlineData("path", false)]
    [InlineData("keys_checked", false)]
    [InlineData("model", false)]
    public void IsSecretKey_FollowsTheDocumentedRule(string key, bool secret) => AlertMetadata.IsSecretKey(key).ShouldBe(secret);
}
