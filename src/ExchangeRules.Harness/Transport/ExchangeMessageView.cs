using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MimeKit;

namespace ExchangeRules.Harness.Transport;

/// <summary>
/// The one place where the harness decides what Exchange's mail item shows an agent of a message's raw bytes, for
/// every host that plays Exchange: the categorizer with the real agent (<c>HarnessMailItem.Message</c>) and the
/// in-process handler pipeline that <c>exrules apply</c>, <c>serve</c> and <c>demo</c> use
/// (<see cref="InMemoryTransportItem.IsSystemMessage"/>). Both therefore see the same headers and the same
/// system-message flag, and decide the same.
/// </summary>
/// <remarks>
/// Assumed, no source says (docs/architecture.md, "What the harness models"): a line in the top-level header block
/// that is not a header field (no colon, or a name with spaces or control characters, such as an unfolded
/// continuation line of a <c>Received</c> header) is not exposed as a header by <c>Message.RootPart.Headers</c>; the
/// message is still accepted and its well-formed headers are exposed. <c>EmailMessage.IsSystemMessage</c> is taken
/// as true for a top-level <c>multipart/report</c> (delivery and read reports).
/// </remarks>
internal static class ExchangeMessageView
{
    /// <summary>The top-level header fields Exchange exposes, in order; lines that are not header fields are left out.</summary>
    public static IReadOnlyList<Header> ExposedHeaders(byte[] mime)
    {
        if (mime is null)
        {
            throw new ArgumentNullException(nameof(mime));
        }

        return HeaderBlock.Read(mime).Where(IsExposed).ToList();
    }

    /// <summary>
    /// The position in the full header list (every line MimeKit read, the ones not exposed included) of the
    /// <paramref name="exposedIndex"/>-th exposed header, so an edit through the exposed list hits the right line.
    /// </summary>
    public static int PositionOf(HeaderList all, int exposedIndex)
    {
        if (all is null)
        {
            throw new ArgumentNullException(nameof(all));
        }

        var seen = -1;
        for (var position = 0; position < all.Count; position++)
        {
            if (IsExposed(all[position]) && ++seen == exposedIndex)
            {
                return position;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(exposedIndex), exposedIndex, "No exposed header at this index.");
    }

    /// <summary>Whether Exchange reports the message as a system message (<c>EmailMessage.IsSystemMessage</c>).</summary>
    public static bool IsSystemMessage(byte[] mime)
    {
        if (mime is null)
        {
            throw new ArgumentNullException(nameof(mime));
        }

        return MayNameReportType(mime) && HasReportTypeByParsing(mime);
    }

    /// <summary>The system-message decision by parsing the header block: what <see cref="IsSystemMessage"/> answers whenever <see cref="MayNameReportType"/> lets it through.</summary>
    internal static bool HasReportTypeByParsing(byte[] mime)
    {
        string? value;
        try
        {
            value = ExposedHeaders(mime).FirstOrDefault(h => h.Id == HeaderId.ContentType)?.Value;
        }
        catch (FormatException)
        {
            try
            {
                value = TolerantHeaders(mime)[HeaderId.ContentType];
            }
            catch (FormatException)
            {
                return false; // Not a message MimeKit can read at all: nothing marks it as a report.
            }
        }

        return value is not null && ContentType.TryParse(value, out var type) && type.IsMimeType("multipart", "report");
    }

    /// <summary>
    /// Whether the top-level header block could give the message the type <c>multipart/report</c>: false when the block
    /// (up to the first blank line, at least all that either parser below reads as the header block) contains neither
    /// the word "report" in any case nor an encoded word (<c>=?</c>, which MimeKit decodes in header values). A media
    /// subtype is one token, never folded or commented inside, so without that word no parse can find the type; the
    /// answer is then the same as the full parse's, without parsing the headers (which was the costliest step of the
    /// agent path outside the processor, <c>profile-harness</c>, docs/performance.md target 5).
    /// </summary>
    internal static bool MayNameReportType(byte[] mime)
    {
        var end = mime.Length;
        for (var i = 0; i < end; i++)
        {
            var b = mime[i];
            if (b == (byte)'\n')
            {
                if (i + 1 < end && (mime[i + 1] == (byte)'\n' || (mime[i + 1] == (byte)'\r' && i + 2 < end && mime[i + 2] == (byte)'\n')))
                {
                    return false;
                }
            }
            else if (b == (byte)'=' && i + 1 < end && mime[i + 1] == (byte)'?')
            {
                return true;
            }
            else if ((b | 0x20) == 'r' && i + 5 < end && (mime[i + 1] | 0x20) == 'e' && (mime[i + 2] | 0x20) == 'p'
                && (mime[i + 3] | 0x20) == 'o' && (mime[i + 4] | 0x20) == 'r' && (mime[i + 5] | 0x20) == 't')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The headers as MimeKit's message parser reads them, for a header block its header-list reader refuses.</summary>
    public static HeaderList TolerantHeaders(byte[] mime)
    {
        using var stream = new MemoryStream(mime, writable: false);
        using var message = MimeMessage.Load(stream);
        return message.Headers;
    }

    /// <summary>A header field with a name Exchange's header API accepts: printable ASCII without a colon (RFC 5322 ftext).</summary>
    public static bool IsExposed(Header header)
    {
        var name = header?.Field;
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        foreach (var c in name!)
        {
            if (c <= ' ' || c >= 0x7f || c == ':')
            {
                return false;
            }
        }

        return true;
    }
}
