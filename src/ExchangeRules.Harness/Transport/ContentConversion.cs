using System;
using System.IO;
using System.Linq;
using MimeKit;
using MimeKit.Tnef;

namespace ExchangeRules.Harness.Transport;

/// <summary>
/// The categorizer's content conversion for copies that leave the Exchange organisation (Microsoft, "Content
/// conversion in Exchange Server": done "before the message is put in a delivery queue", after the agents' routing
/// events): a Summary TNEF message becomes plain MIME, built from the TNEF by MimeKit's
/// <see cref="TnefPart.ConvertToMessage"/> under the message's own internet headers. Copies for mailboxes of the
/// organisation keep the TNEF (Exchange stores MAPI).
/// </summary>
public static class ContentConversion
{
    /// <summary>The header that ties a Summary TNEF part to its message; it has no meaning once the TNEF is gone.</summary>
    public const string TnefCorrelatorHeader = "X-MS-TNEF-Correlator";

    /// <summary>Whether the message's top-level body is a TNEF part (Summary TNEF).</summary>
    public static bool IsSummaryTnef(byte[] mime)
    {
        if (mime is null)
        {
            throw new ArgumentNullException(nameof(mime));
        }

        var headers = HeaderBlock.ReadForTransport(mime);
        var contentType = headers[HeaderId.ContentType];
        return contentType is not null && ContentType.TryParse(contentType, out var type)
            && (type.IsMimeType("application", "ms-tnef") || type.IsMimeType("application", "vnd.ms-tnef"));
    }

    /// <summary>
    /// The MIME copy for recipients outside the organisation, or the message unchanged when it is not Summary TNEF.
    /// A TNEF stream that does not decode is left as it is, with the reason in <paramref name="failure"/>.
    /// </summary>
    public static byte[] ToMime(byte[] mime, out string? failure)
    {
        failure = null;
        if (!IsSummaryTnef(mime))
        {
            return mime;
        }

        try
        {
            using var input = new MemoryStream(mime, writable: false);
            // Every MimeKit entity has a finalizer: an undisposed parse survives a collection with all it references,
            // which promoted the whole message to gen1 on every internet copy (docs/performance.md).
            using var message = MimeMessage.Load(input);
            if (message.Body is not TnefPart tnef)
            {
                failure = "the top-level part is not a TNEF part MimeKit can read";
                return mime;
            }

            // MimeKit's conversion reads leniently and turns a stream it cannot frame into an empty message; the
            // framing and checksums are checked first ([MS-OXTNEF] 2.1.3.1), so a broken stream is reported instead.
            using (var content = new MemoryStream())
            {
                tnef.Content?.DecodeTo(content);
                ExchangeRules.Mime.Tnef.TnefDocument.Read(content.ToArray());
            }

            using var converted = tnef.ConvertToMessage();
            using var result = new MimeMessage();
            result.Headers.Clear();
            foreach (var header in message.Headers.Where(h => !h.Field.StartsWith("Content-", StringComparison.OrdinalIgnoreCase)
                && h.Id != HeaderId.MimeVersion
                && !h.Field.Equals(TnefCorrelatorHeader, StringComparison.OrdinalIgnoreCase)))
            {
                result.Headers.Add(header.Clone());
            }

            result.MimeVersion = new Version(1, 0);
            result.Body = converted.Body;

            // 8bit where the text needs it, quoted-printable or base64 only for long lines and binary data.
            result.Prepare(EncodingConstraint.EightBit, 998);
            using var output = new MemoryStream();
            result.WriteTo(WireFormat.Options, output);
            return output.ToArray();
        }
        catch (Exception ex) when (ex is FormatException or TnefException or InvalidDataException or IOException or ArgumentException)
        {
            failure = $"{ex.GetType().Name}: {ex.Message}";
            return mime;
        }
    }
}
