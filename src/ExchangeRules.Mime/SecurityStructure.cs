using System;
using System.IO;
using System.Linq;
using System.Text;
using ExchangeRules.Engine.Messages;
using MimeKit;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace ExchangeRules.Mime;

/// <summary>
/// Whether a message from outside the organisation really is signed, encrypted or a report, rather than only looking
/// like one. A content type, a header or a line of PGP armour costs a sender nothing; what is checked here is that the
/// structure is what it claims: a <c>multipart/signed</c> whose signature part is a CMS SignedData with a signer (or an
/// OpenPGP signature packet), a <c>pkcs7-mime</c> part whose content is CMS SignedData or EnvelopedData, PGP armour
/// that opens a plain-text body and holds OpenPGP packets, a report with its machine-readable part and that part's
/// required fields. Signatures are not verified: a sender with a certificate of their own can sign, and then the body
/// truly cannot be changed; header-level actions still apply (see docs/rules-reference.md).
/// </summary>
internal static class SecurityStructure
{
    // A CMS signature with its certificate chain is a few kilobytes; anything far larger is not one worth believing.
    private const int _maxSignatureBytes = 256 * 1024;
    private const int _maxReportFieldsBytes = 64 * 1024;

    /// <summary>The security traits a message from outside has proven by its structure (top-level body only).</summary>
    public static MessageTraits Of(MimeEntity? body)
    {
        switch (body)
        {
            case Multipart multipart when multipart.ContentType.IsMimeType("multipart", "signed"):
                return IsSignedMultipart(multipart) ? MessageTraits.Signed : MessageTraits.None;
            case Multipart multipart when multipart.ContentType.IsMimeType("multipart", "encrypted"):
                return multipart.Count == 2 && multipart[1] is MimePart encrypted && PgpKind(Decoded(encrypted), armoured: true) == MessageTraits.Encrypted
                    ? MessageTraits.Encrypted
                    : MessageTraits.None;
            case MimePart part when part.ContentType.IsMimeType("application", "pkcs7-mime") || part.ContentType.IsMimeType("application", "x-pkcs7-mime"):
                return CmsKind(Decoded(part));
            case TextPart text when text.ContentType.IsMimeType("text", "plain") && !text.IsAttachment:
                return InlinePgp(text);
            case Multipart multipart when !multipart.ContentType.IsMimeType("multipart", "report"):
                // A signed or encrypted message inside a mixed or alternative body (a list footer added after signing).
                var traits = MessageTraits.None;
                foreach (var child in multipart.OfType<Multipart>().Where(child => child.ContentType.IsMimeType("multipart", "signed") || child.ContentType.IsMimeType("multipart", "encrypted")))
                {
                    traits |= Of(child);
                }

                return traits;
            default:
                return MessageTraits.None;
        }
    }

    /// <summary>
    /// Whether a <c>multipart/report</c> carries the machine-readable part its report type names, with the fields RFC 3464
    /// (delivery status: <c>Reporting-MTA</c>, <c>Final-Recipient</c>, <c>Action</c>, <c>Status</c>) or RFC 8098
    /// (disposition: <c>Final-Recipient</c>, <c>Disposition</c>) requires.
    /// </summary>
    public static bool IsWellFormedReport(Multipart report, bool disposition)
    {
        foreach (var child in report.OfType<MimePart>())
        {
            var type = child.ContentType;
            if (disposition && type.IsMimeType("message", "disposition-notification"))
            {
                var fields = Fields(child);
                return HasField(fields, "Final-Recipient") && HasField(fields, "Disposition");
            }

            if (!disposition && (type.IsMimeType("message", "delivery-status") || type.IsMimeType("message", "global-delivery-status")))
            {
                var fields = Fields(child);
                return HasField(fields, "Reporting-MTA") && HasField(fields, "Final-Recipient") && HasField(fields, "Action") && HasField(fields, "Status");
            }
        }

        return false;
    }

    private static bool IsSignedMultipart(Multipart multipart)
    {
        if (multipart.Count != 2 || multipart[1] is not MimePart signature)
        {
            return false;
        }

        var protocol = (multipart.ContentType.Parameters["protocol"] ?? string.Empty).Trim();
        var type = signature.ContentType;
        if (!string.Equals(protocol, type.MimeType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (type.IsMimeType("application", "pkcs7-signature") || type.IsMimeType("application", "x-pkcs7-signature"))
        {
            return CmsKind(Decoded(signature)) == MessageTraits.Signed;
        }

        return type.IsMimeType("application", "pgp-signature") && PgpKind(Decoded(signature), armoured: true) == MessageTraits.Signed;
    }

    /// <summary>Signed for a CMS SignedData with at least one signer, encrypted for (Auth)EnvelopedData, else none.</summary>
    private static MessageTraits CmsKind(byte[]? der)
    {
        if (der is null || der.Length == 0)
        {
            return MessageTraits.None;
        }

        try
        {
            var info = ContentInfo.GetInstance(Asn1Object.FromByteArray(der));
            if (CmsObjectIdentifiers.SignedData.Equals(info.ContentType))
            {
                return SignedData.GetInstance(info.Content).SignerInfos.Count > 0 ? MessageTraits.Signed : MessageTraits.None;
            }

            if (CmsObjectIdentifiers.EnvelopedData.Equals(info.ContentType))
            {
                return EnvelopedData.GetInstance(info.Content).RecipientInfos.Count > 0 ? MessageTraits.Encrypted : MessageTraits.None;
            }

            return CmsObjectIdentifiers.AuthEnvelopedData.Equals(info.ContentType) ? MessageTraits.Encrypted : MessageTraits.None;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidCastException or IOException or FormatException or InvalidOperationException)
        {
            return MessageTraits.None;
        }
    }

    /// <summary>Signed for OpenPGP signature packets, encrypted for encrypted-data packets, else none.</summary>
    private static MessageTraits PgpKind(byte[]? data, bool armoured)
    {
        if (data is null || data.Length == 0)
        {
            return MessageTraits.None;
        }

        try
        {
            using var input = new MemoryStream(data, writable: false);
            using Stream packets = armoured ? new ArmoredInputStream(input) : input;
            var factory = new PgpObjectFactory(packets);
            var first = factory.NextPgpObject();
            while (first is PgpMarker)
            {
                first = factory.NextPgpObject();
            }

            return first switch
            {
                PgpSignatureList signatures when signatures.Count > 0 => MessageTraits.Signed,
                PgpOnePassSignatureList signatures when signatures.Count > 0 => MessageTraits.Signed,
                PgpEncryptedDataList encrypted when encrypted.Count > 0 => MessageTraits.Encrypted,
                _ => MessageTraits.None,
            };
        }
        catch (Exception ex) when (ex is IOException or PgpException or ArgumentException or InvalidOperationException or FormatException or InvalidCastException)
        {
            return MessageTraits.None;
        }
    }

    /// <summary>
    /// Inline PGP as clients write it: the armour opens the plain-text body (nothing but blank lines before it), and the
    /// armoured block holds OpenPGP packets: the signature block of a clear-signed text, or an encrypted message.
    /// </summary>
    private static MessageTraits InlinePgp(TextPart text)
    {
        string body;
        try
        {
            body = text.Text ?? string.Empty;
        }
        catch (Exception ex) when (ex is IOException or FormatException or NotSupportedException or ArgumentException)
        {
            return MessageTraits.None;
        }

        var start = 0;
        while (start < body.Length && char.IsWhiteSpace(body[start]))
        {
            start++;
        }

        if (string.CompareOrdinal(body, start, "-----BEGIN PGP SIGNED MESSAGE-----", 0, 34) == 0)
        {
            var signature = body.IndexOf("-----BEGIN PGP SIGNATURE-----", start, StringComparison.Ordinal);
            return signature < 0 ? MessageTraits.None : PgpKind(Encoding.ASCII.GetBytes(body.Substring(signature)), armoured: true);
        }

        return string.CompareOrdinal(body, start, "-----BEGIN PGP MESSAGE-----", 0, 27) == 0
            ? PgpKind(Encoding.ASCII.GetBytes(body.Substring(start)), armoured: true) switch
            {
                MessageTraits.Encrypted => MessageTraits.Encrypted,
                MessageTraits.Signed => MessageTraits.Signed,
                _ => MessageTraits.None,
            }
            : MessageTraits.None;
    }

    /// <summary>The decoded content of a small part; <see langword="null"/> when it is too large or cannot be decoded.</summary>
    private static byte[]? Decoded(MimePart part)
    {
        if (part.Content is null)
        {
            return null;
        }

        try
        {
            using var decoded = new MemoryStream();
            using (var content = part.Content.Open())
            {
                var buffer = new byte[8192];
                int read;
                while ((read = content.Read(buffer, 0, buffer.Length)) > 0)
                {
                    if (decoded.Length + read > _maxSignatureBytes)
                    {
                        return null;
                    }

                    decoded.Write(buffer, 0, read);
                }
            }

            return decoded.ToArray();
        }
        catch (Exception ex) when (ex is IOException or FormatException or NotSupportedException)
        {
            return null;
        }
    }

    private static string Fields(MimePart part)
    {
        var bytes = Decoded(part);
        if (bytes is null)
        {
            return string.Empty;
        }

        var length = Math.Min(bytes.Length, _maxReportFieldsBytes);
        return Encoding.UTF8.GetString(bytes, 0, length);
    }

    /// <summary>Whether a field of this name opens a line of the report's fields.</summary>
    private static bool HasField(string fields, string name)
    {
        var at = 0;
        while ((at = fields.IndexOf(name, at, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            var lineStart = at == 0 || fields[at - 1] == '\n';
            var end = at + name.Length;
            while (end < fields.Length && fields[end] is ' ' or '\t')
            {
                end++;
            }

            if (lineStart && end < fields.Length && fields[end] == ':')
            {
                return true;
            }

            at += name.Length;
        }

        return false;
    }
}
