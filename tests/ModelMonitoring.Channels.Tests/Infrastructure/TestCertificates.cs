using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ModelMonitoring.Channels.Tests.Infrastructure;

/// <summary>Self-signed server certificates for loopback TLS servers, made fresh per test run.</summary>
public static class TestCertificates
{
    private static readonly Lazy<X509Certificate2> SharedCertificate = new(() => SelfSigned());

    /// <summary>One certificate for the whole run: making an RSA key per test would only slow the tests down.</summary>
    public static X509Certificate2 Shared => SharedCertificate.Value;

    /// <summary>A self-signed certificate for <c>localhost</c> and 127.0.0.1, with its private key.</summary>
    public static X509Certificate2 SelfSigned(string subject = "CN=localhost")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = TimeProvider.System.GetUtcNow();
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(7));

        // Round-tripped through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), password: null);
    }

    /// <summary>The SHA-256 hash of the certificate as colon-separated hex, the way <c>openssl x509 -fingerprint -sha256</c> prints it.</summary>
    public static string Sha256(X509Certificate2 certificate) =>
        string.Join(':', SHA256.HashData(certificate.RawData).Select(static b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
}
