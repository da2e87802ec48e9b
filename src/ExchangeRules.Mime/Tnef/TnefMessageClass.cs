using System;
using System.IO;
using MimeKit;

namespace ExchangeRules.Mime.Tnef;

/// <summary>
/// Reads the MAPI message class of a TNEF part with our codec (MimeKit's reader stops at named properties that
/// [MS-OXTNEF] allows, see docs/architecture.md): rule conditions on the message type need it for Summary TNEF, where a
/// meeting request has no text/calendar part. Only TNEF messages pay for it.
/// </summary>
internal static class TnefMessageClass
{
    /// <summary>The class, or an empty string when the stream has none or cannot be read.</summary>
    public static string Read(MimePart part)
    {
        if (part.Content is null)
        {
            return string.Empty;
        }

        try
        {
            // Decoded once for the message: the editor opens the same decoding (DecodedTnef).
            var decoded = DecodedTnef.Of(part);
            return SummaryTnefBody.MessageClassOf(decoded.Document, decoded.Body);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or ArgumentException or InvalidOperationException or NotSupportedException or FormatException)
        {
            // An unreadable stream names no class; the editor reports why it cannot edit it.
        }

        return string.Empty;
    }
}
