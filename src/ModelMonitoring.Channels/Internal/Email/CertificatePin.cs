using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ModelMonitoring.Channels.Internal.Email;

/// <summary>
/// The one server certificate the email channel accepts when <see cref="EmailChannelOptions.ServerCertificateSha256"/>
/// is set: compared by the SHA-256 hash of the whole certificate, so neither the trust store nor the
/// host name decides, and no other certificate gets in.
/// </summary>
internal sealed class CertificatePin
{
    private readonly byte[] _hash;

    private CertificatePin(byte[] hash) => _hash = hash;

    /// <summary>Reads 64 hexadecimal digits, ignoring colons and spaces; <see langword="null"/> when it is not that.</summary>
    public static CertificatePin? Parse(string text)
    {
        var digits = text.Replace(":", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
        if (digits.Length != 2 * SHA256.HashSizeInBytes || !digits.All(Uri.IsHexDigit))
        {
            return null;
        }

        return new CertificatePin(Convert.FromHexString(digits));
    }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        certificate is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(certificate.GetRawCertData()), _hash);
}
