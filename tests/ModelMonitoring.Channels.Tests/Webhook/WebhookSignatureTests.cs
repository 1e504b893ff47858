using System.Text;

namespace ModelMonitoring.Channels.Tests.Webhook;

public class WebhookSignatureTests
{
    private const string Secret = "whsec_test_3f9a1c";
    private const string OtherSecret = "rotated-secret-2";
    private const long Timestamp = 1767225600; // 2026-01-01T00:00:00Z
    private const string Body = """{"id":"a1","state":"firing"}""";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(Timestamp);

    // Expected values computed independently with Python's hmac module:
    // /usr/bin/python3 -c "import hmac,hashlib; print(hmac.new(b'whsec_test_3f9a1c', b'1767225600.' + '{\"id\":\"a1\",\"state\":\"firing\"}'.encode(), hashlib.sha256).hexdigest())"
    // /usr/bin/python3 -c "import hmac,hashlib; print(hmac.new(b'rotated-secret-2', b'1767225600.' + '{\"message\":\"Latenz \u00fcber Grenzwert \u26a0\"}'.encode(), hashlib.sha256).hexdigest())"
    [Theory]
    [InlineData(Secret, Timestamp, Body, "2ac3dd701810fa2b638c834750ef29d2335d5d57313e40a8ce49dbe8e1d5a5f7")]
    [InlineData(OtherSecret, Timestamp, "{\"message\":\"Latenz \u00fcber Grenzwert \u26a0\"}", "ce5bc102163069104629637070743dbb7601f89fea4846dd3de031264ca62c06")]
    public void Compute_MatchesTheTestVectorsComputedWithPython(string secret, long timestamp, string body, string expected)
    {
        WebhookSignature.Compute(secret, timestamp, body).ShouldBe(expected);
        WebhookSignature.Compute(secret, timestamp, Encoding.UTF8.GetBytes(body)).ShouldBe(expected);
    }

    [Fact]
    public void CreateHeaderValue_OneSecret_IsTimestampThenSignature()
    {
        WebhookSignature.CreateHeaderValue(Timestamp, Encoding.UTF8.GetBytes(Body), Secret)
            .ShouldBe("t=1767225600,v1=2ac3dd701810fa2b638c834750ef29d2335d5d57313e40a8ce49dbe8e1d5a5f7");
    }

    [Fact]
    public void CreateHeaderValue_TwoSecrets_CarriesOneSignaturePerSecret()
    {
        var header = WebhookSignature.CreateHeaderValue(Timestamp, Encoding.UTF8.GetBytes(Body), Secret, OtherSecret);

        header.ShouldBe($"t=1767225600,v1=2ac3dd701810fa2b638c834750ef29d2335d5d57313e40a8ce49dbe8e1d5a5f7,v1={WebhookSignature.Compute(OtherSecret, Timestamp, Body)}");
    }

    [Fact]
    public void Verify_AuthenticFreshRequest_IsValid()
    {
        var result = WebhookSignature.Verify(Header(Secret), Body, [Secret], Now.AddSeconds(12));

        result.IsValid.ShouldBeTrue();
        result.Failure.ShouldBe(WebhookVerificationFailure.None);
        result.Timestamp.ShouldBe(Timestamp);
    }

    [Fact]
    public void Verify_TamperedBody_IsRejected()
    {
        var result = WebhookSignature.Verify(Header(Secret), Body.Replace("firing", "resolved", StringComparison.Ordinal), [Secret], Now);

        result.Failure.ShouldBe(WebhookVerificationFailure.SignatureMismatch);
        result.IsValid.ShouldBeFalse();
    }

    [Fact]
    public void Verify_WrongSecret_IsRejected()
    {
        WebhookSignature.Verify(Header(Secret), Body, ["not-the-secret"], Now).Failure.ShouldBe(WebhookVerificationFailure.SignatureMismatch);
    }

    [Fact]
    public void Verify_TimestampAtTheTolerance_IsValid_OneSecondOlder_IsRejectedAsStale()
    {
        WebhookSignature.Verify(Header(Secret), Body, [Secret], Now.AddSeconds(300)).IsValid.ShouldBeTrue();

        var stale = WebhookSignature.Verify(Header(Secret), Body, [Secret], Now.AddSeconds(301));

        stale.Failure.ShouldBe(WebhookVerificationFailure.TimestampTooOld);
        stale.Reason.ShouldContain("301 s old");
    }

    [Fact]
    public void Verify_TimestampFromTheFuture_IsRejected()
    {
        WebhookSignature.Verify(Header(Secret), Body, [Secret], Now.AddSeconds(-300)).IsValid.ShouldBeTrue();

        WebhookSignature.Verify(Header(Secret), Body, [Secret], Now.AddSeconds(-301)).Failure.ShouldBe(WebhookVerificationFailure.TimestampInFuture);
    }

    [Fact]
    public void Verify_CustomTolerance_IsHonoured()
    {
        WebhookSignature.Verify(Header(Secret), Body, [Secret], Now.AddSeconds(31), TimeSpan.FromSeconds(30)).Failure.ShouldBe(WebhookVerificationFailure.TimestampTooOld);
    }

    [Theory]
    [InlineData(null, WebhookVerificationFailure.MissingHeader)]
    [InlineData("", WebhookVerificationFailure.MissingHeader)]
    [InlineData("garbage", WebhookVerificationFailure.MalformedHeader)]
    [InlineData("v1=2ac3dd701810fa2b638c834750ef29d2335d5d57313e40a8ce49dbe8e1d5a5f7", WebhookVerificationFailure.MalformedHeader)]
    [InlineData("t=1767225600", WebhookVerificationFailure.MalformedHeader)]
    [InlineData("t=abc,v1=2ac3dd701810fa2b638c834750ef29d2335d5d57313e40a8ce49dbe8e1d5a5f7", WebhookVerificationFailure.MalformedHeader)]
    [InlineData("t=-1767225600,v1=2ac3dd701810fa2b638c834750ef29d2335d5d57313e40a8ce49dbe8e1d5a5f7", WebhookVerificationFailure.MalformedHeader)]
    [InlineData("t=1767225600,t=1767225600,v1=2ac3dd701810fa2b638c834750ef29d2335d5d57313e40a8ce49dbe8e1d5a5f7", WebhookVerificationFailure.MalformedHeader)]
    [InlineData("t=1767225600,v1=2ac3dd70", WebhookVerificationFailure.MalformedHeader)]
    [InlineData("t=1767225600,v1=zzc3dd701810fa2b638c834750ef29d2335d5d57313e40a8ce49dbe8e1d5a5f7", WebhookVerificationFailure.MalformedHeader)]
    [InlineData("t=1767225600,=x,v1=2ac3dd701810fa2b638c834750ef29d2335d5d57313e40a8ce49dbe8e1d5a5f7", WebhookVerificationFailure.MalformedHeader)]
    public void Verify_MissingOrMalformedHeader_IsRejected(string? header, WebhookVerificationFailure expected)
    {
        var result = WebhookSignature.Verify(header, Body, [Secret], Now);

        result.Failure.ShouldBe(expected);
        result.Reason.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Verify_UnknownEntriesAndSpaces_AreIgnored()
    {
        var header = $"t=1767225600, v0=abc, v1={WebhookSignature.Compute(Secret, Timestamp, Body)}";

        WebhookSignature.Verify(header, Body, [Secret], Now).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void Verify_UppercaseHex_IsAccepted()
    {
        var header = $"t=1767225600,v1={WebhookSignature.Compute(Secret, Timestamp, Body).ToUpperInvariant()}";

        WebhookSignature.Verify(header, Body, [Secret], Now).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void Verify_DuringRotation_EitherSecretIsAccepted()
    {
        var both = WebhookSignature.CreateHeaderValue(Timestamp, Encoding.UTF8.GetBytes(Body), Secret, OtherSecret);

        // Receivers that already switched, that have not yet switched, or that accept both.
        WebhookSignature.Verify(both, Body, [Secret], Now).IsValid.ShouldBeTrue();
        WebhookSignature.Verify(both, Body, [OtherSecret], Now).IsValid.ShouldBeTrue();
        WebhookSignature.Verify(both, Body, ["unrelated", OtherSecret], Now).IsValid.ShouldBeTrue();

        // A sender that signs with one secret, and a receiver that accepts old and new.
        WebhookSignature.Verify(Header(OtherSecret), Body, [Secret, OtherSecret], Now).IsValid.ShouldBeTrue();
        WebhookSignature.Verify(both, Body, ["unrelated"], Now).Failure.ShouldBe(WebhookVerificationFailure.SignatureMismatch);
    }

    [Fact]
    public void Verify_Reasons_NeverContainTheSecretOrTheSignature()
    {
        var signature = WebhookSignature.Compute(Secret, Timestamp, Body);
        var results = new[]
        {
            WebhookSignature.Verify(Header(Secret), Body + " ", [Secret], Now),
            WebhookSignature.Verify(Header(Secret), Body, [Secret], Now.AddHours(1)),
            WebhookSignature.Verify("t=x,v1=" + signature, Body, [Secret], Now),
        };

        foreach (var result in results)
        {
            result.IsValid.ShouldBeFalse();
            result.Reason.ShouldNotContain(Secret);
            result.Reason.ShouldNotContain(signature);
            result.ToString().ShouldNotContain(Secret);
        }
    }

    [Fact]
    public void Verify_WithoutSecrets_Throws()
    {
        Should.Throw<ArgumentException>(() => WebhookSignature.Verify(Header(Secret), Body, [], Now));
        Should.Throw<ArgumentException>(() => WebhookSignature.Verify(Header(Secret), Body, [""], Now));
    }

    [Fact]
    public void DefaultResult_IsNotValid()
    {
        default(WebhookVerificationResult).IsValid.ShouldBeFalse();
    }

    private static string Header(string secret) => $"t={Timestamp},v1={WebhookSignature.Compute(secret, Timestamp, Body)}";
}
