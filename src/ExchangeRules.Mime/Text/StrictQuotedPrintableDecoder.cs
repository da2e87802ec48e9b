using System;

namespace ExchangeRules.Mime.Text;

/// <summary>
/// Decodes quoted-printable content that keeps to the strict grammar (escapes <c>=XX</c>, soft breaks <c>=</c> + line
/// end, no whitespace before a line end) by copying the runs between escapes in bulk; anything else is left to
/// MimeKit's decoder, whose handling of broken content is the reference.
/// </summary>
/// <remarks>
/// Every stamped message has its HTML and text parts decoded. MimeKit's decoder is a byte-at-a-time state machine, and
/// on the 40 KB Outlook reply decoding took a quarter of a whole MimeKit parse; most bytes of a quoted-printable body
/// are literal, so finding the next <c>=</c> or line feed with a vectorised search and copying the run costs far less.
/// </remarks>
internal static class StrictQuotedPrintableDecoder
{
    /// <summary>
    /// Decodes <c>encoded[0..length)</c> into <paramref name="decoded"/> (at least <paramref name="length"/> bytes);
    /// returns the decoded length, or -1 when the content is not strict quoted-printable and must be decoded by MimeKit.
    /// </summary>
    public static int TryDecode(byte[] encoded, int length, byte[] decoded)
    {
        if (encoded is null)
        {
            throw new ArgumentNullException(nameof(encoded));
        }

        if (decoded is null || decoded.Length < length)
        {
            throw new ArgumentException("The output buffer must be at least as long as the input.", nameof(decoded));
        }

        var source = new ReadOnlySpan<byte>(encoded, 0, length);
        var written = 0;
        var at = 0;
        while (at < length)
        {
            var next = source.Slice(at).IndexOfAny((byte)'=', (byte)'\n');
            var run = next < 0 ? length - at : next;
            source.Slice(at, run).CopyTo(new Span<byte>(decoded, written, run));
            written += run;
            at += run;
            if (next < 0)
            {
                break;
            }

            if (encoded[at] == '\n')
            {
                // Whitespace before a line end is transport padding that decoders treat differently: not strict.
                var before = at > 0 && encoded[at - 1] == '\r' ? at - 2 : at - 1;
                if (before >= 0 && encoded[before] is (byte)' ' or (byte)'\t')
                {
                    return -1;
                }

                decoded[written++] = (byte)'\n';
                at++;
                continue;
            }

            // An '=': a soft line break or an escape.
            if (at + 1 < length && encoded[at + 1] == '\n')
            {
                at += 2;
            }
            else if (at + 2 < length && encoded[at + 1] == '\r' && encoded[at + 2] == '\n')
            {
                at += 3;
            }
            else if (at + 2 < length && HexValue(encoded[at + 1]) is var high and >= 0 && HexValue(encoded[at + 2]) is var low and >= 0)
            {
                decoded[written++] = (byte)((high << 4) | low);
                at += 3;
            }
            else
            {
                return -1;
            }
        }

        return written;
    }

    private static int HexValue(byte value) => value switch
    {
        >= (byte)'0' and <= (byte)'9' => value - '0',
        >= (byte)'A' and <= (byte)'F' => value - 'A' + 10,
        >= (byte)'a' and <= (byte)'f' => value - 'a' + 10,
        _ => -1,
    };
}
